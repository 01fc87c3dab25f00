import { main } from './main.ts';

/** The process entry: real streams, TTY detection, NO_COLOR, crash reporting. */
export async function run(argv: string[]): Promise<number> {
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
