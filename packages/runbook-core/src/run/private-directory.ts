import { accessSync, constants, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const prefix = 'runbook-step-';

/**
 * Where the private directory goes: a memory filesystem where there is one
 * (`XDG_RUNTIME_DIR`, else Linux's `/dev/shm`), else the OS temp dir. The
 * exports listing holds the step's whole environment, secrets included: in
 * memory it never reaches a disk, and it costs no flush.
 */
export function scriptParentDirectory(): string {
  for (const candidate of [process.env.XDG_RUNTIME_DIR, '/dev/shm']) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.W_OK | constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next.
    }
  }
  return tmpdir();
}

let current: string | undefined;

/**
 * This process's private directory (0700, `runbook-step-<pid>-…`), made on
 * first use (again if something removed it) and removed when the process
 * exits. Making it also removes those left by processes of ours that died
 * without exiting (killed by a signal).
 */
export function privateDirectory(): string {
  if (current !== undefined && existsSync(current)) return current;
  const parent = scriptParentDirectory();
  if (current === undefined) {
    removeOrphans(parent);
    process.once('exit', () => current !== undefined && rmSync(current, { recursive: true, force: true }));
  }
  current = mkdtempSync(join(parent, `${prefix}${process.pid}-`));
  return current;
}

function removeOrphans(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    const pid = /^runbook-step-(\d+)-/.exec(name)?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    const path = join(parent, name);
    try {
      if (uid === undefined || statSync(path).uid === uid) rmSync(path, { recursive: true, force: true });
    } catch {
      // Someone else's, or gone already.
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
