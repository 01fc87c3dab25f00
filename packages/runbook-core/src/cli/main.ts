import { readFileSync } from 'node:fs';
import { ExitCode, UsageError, type CliContext } from './command.ts';
import { didYouMean } from './did-you-mean.ts';
import { commands } from './registry.ts';

/** The incident store could not be written (or used): see JournalStorageError. */
export const storageErrorExitCode = 4;

/** Runs `runbook …` in-process and resolves to the exit code. */
export async function main(argv: string[], context: Omit<CliContext, 'argv'>): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    context.stdout.write(`${version()}\n`);
    return ExitCode.ok;
  }
  // Nothing asked: the overview, as a usage error, so scripts calling `runbook` bare fail.
  if (name === undefined) {
    context.stderr.write(overview());
    return ExitCode.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic === undefined) {
      context.stdout.write(overview());
      return ExitCode.ok;
    }
    return main([topic, '--help'], context);
  }
  const entry = commands[name];
  if (!entry) {
    const hint = didYouMean(name, Object.keys(commands), (word) => `'runbook ${word}'`);
    context.stderr.write(`runbook: unknown command '${name}'${hint}. Run 'runbook --help' for the list.\n`);
    return ExitCode.usage;
  }
  const { default: command } = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    context.stdout.write(`${command.help.trimEnd()}\n`);
    return ExitCode.ok;
  }
  try {
    return await command.run({ ...context, argv: rest });
  } catch (error) {
    // By name: a module loaded twice (CommonJS and ESM) gives two UsageError classes.
    if (error instanceof UsageError || (error instanceof Error && error.name === 'UsageError')) {
      context.stderr.write(`runbook ${name}: ${error.message}\nRun 'runbook ${name} --help' for usage.\n`);
      return ExitCode.usage;
    }
    // A full disk, a read-only journal, a symbolic link refused: one line, nothing torn, exit 4.
    if (error instanceof Error && error.name === 'JournalStorageError') {
      context.stderr.write(`runbook: ${error.message}\n`);
      return storageErrorExitCode;
    }
    throw error;
  }
}

function overview(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return [
    'Usage: runbook <command> [options]',
    '',
    'Executable incident runbooks: parse, lint and run Markdown runbooks.',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -h, --help     show help (also: runbook <command> --help)',
    '  -V, --version  print the version',
    '',
    'Exit codes: 0 ok, 1 a step failed or lint errors, 2 bad usage or input, 3 refused,',
    '            4 the incident journal could not be written (full disk, read-only, …).',
    '',
  ].join('\n');
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL(packageJsonPath(), import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

// From src/cli/ in development and from dist/ when bundled.
function packageJsonPath(): string {
  return import.meta.url.includes('/dist/') ? '../package.json' : '../../package.json';
}
