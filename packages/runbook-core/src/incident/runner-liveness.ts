import { hostname } from 'node:os';

/** This host's name as step-started events record it. */
export function runnerHost(): string {
  return hostname();
}

/**
 * Whether the process that journaled a step as started is gone: only
 * decidable on the host it ran on; elsewhere it is assumed alive.
 */
export function runnerIsGone(pid: number, host: string): boolean {
  if (host !== hostname()) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
