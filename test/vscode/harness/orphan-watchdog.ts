import { spawn } from 'node:child_process';

// Runs detached: when the test process dies without its `after` hooks
// (SIGKILL, a crash), it kills the server's whole process group and removes
// the session's temp folder.
const WATCHDOG = `
const [parent, group] = process.argv.slice(1, 3).map(Number);
const leftovers = process.argv[3];
const timer = setInterval(() => {
  try { process.kill(-group, 0); } catch { process.exit(0); }
  try { process.kill(parent, 0); } catch {
    clearInterval(timer);
    try { process.kill(-group, 'SIGKILL'); } catch {}
    setTimeout(() => {
      try { require('node:fs').rmSync(leftovers, { recursive: true, force: true, maxRetries: 3 }); } catch {}
      process.exit(0);
    }, 1000);
  }
}, 1000);
`;

/** Starts a watchdog for a process group and its temp folder; returns a function that stops it. */
export function watchProcessGroup(groupId: number, leftovers: string): () => void {
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(groupId), leftovers], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  return () => {
    if (watchdog.pid !== undefined && watchdog.exitCode === null) process.kill(watchdog.pid, 'SIGKILL');
  };
}
