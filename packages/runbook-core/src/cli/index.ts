export { main } from './main.ts';
export { run } from './run-process.ts';
export { ExitCode, UsageError, type CliCommand, type CliContext } from './command.ts';
