import { setFlagsFromString } from 'node:v8';
import { main } from './main.ts';

/** The process entry: real streams, TTY detection, NO_COLOR, crash reporting. */
export async function run(argv: string[]): Promise<number> {
  // A CLI process parses a few shell blocks and exits, but V8 also compiles the
  // WebAssembly shell grammar (1.3 MB) with its optimizing compiler in the
  // background, and the process waits for that before exiting: seconds on a
  // busy 2-core machine (bench/cli-start.bench.ts). The baseline compiler is
  // plenty for a CLI run. Set before anything compiles WebAssembly.
  setFlagsFromString('--liftoff-only');
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const color = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';
  try {
    return await main(argv, {
      cwd: process.cwd(),
      env: process.env,
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      interactive,
      color,
    });
  } catch (error) {
    process.stderr.write(`runbook: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 70;
  }
}
