import type { SessionIO } from '../../session/index.ts';
import type { CliContext } from '../command.ts';

/**
 * The CLI's terminal for interactive steps (a PTY the step runs in): its size
 * and what is typed, raw, passed through. `release` gives the keyboard back
 * once the step ends. Only when stdin and stdout are terminals.
 */
export function interactiveTerminal(context: CliContext): { terminal: NonNullable<SessionIO['terminal']>; release(): void } | undefined {
  if (!context.interactive) return undefined;
  const stdin = context.stdin as NodeJS.ReadStream;
  const stdout = context.stdout as NodeJS.WriteStream;
  let forward: ((chunk: Buffer | string) => void) | undefined;
  return {
    terminal: {
      columns: stdout.columns ?? 80,
      rows: stdout.rows ?? 24,
      input: (write) => {
        forward = (chunk) => write(chunk.toString());
        if (typeof stdin.setRawMode === 'function') stdin.setRawMode(true);
        stdin.on('data', forward);
        stdin.resume();
      },
    },
    release: () => {
      if (forward === undefined) return;
      stdin.off('data', forward);
      forward = undefined;
      if (typeof stdin.setRawMode === 'function') stdin.setRawMode(false);
      stdin.pause();
    },
  };
}
