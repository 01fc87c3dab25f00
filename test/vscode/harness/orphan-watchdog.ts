import { spawn } from 'node:child_process';

// Runs detached: when the test process dies without its `after` hooks
// (SIGKILL, a crash), it kills the server's whole process group.
const WATCHDOG = `
const [parent, group] = process.argv.slice(1).map(Number);
setInterval(() => {
  try { process.kill(-group, 0); } catch { process.exit(0); }
  try { process.kill(parent, 0); } catch {
    try { process.kill(-group, 'SIGKILL'); } catch {}
    process.exit(0);
  }
}, 1000);
`;

/** Starts a watchdog for a process group; returns a function that stops it. */
export function watchProcessGroup(groupId: number): () => void {
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(groupId)], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  return () => {
    if (watchdog.pid !== undefined && watchdog.exitCode === null) process.kill(watchdog.pid, 'SIGKILL');
  };
}
