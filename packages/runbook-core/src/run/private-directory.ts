import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const prefix = 'runbook-step-';
// `runbook-step-<pid>-t<start time>-XXXXXX`; older ones have no start time.
const owner = /^runbook-step-(\d+)-(?:t(\d+)-)?/;

/**
 * Where the private directory goes: a memory filesystem where there is one
 * (`XDG_RUNTIME_DIR`, else Linux's `/dev/shm`), else the OS temp dir. The
 * exports listing holds the step's whole environment, secrets included: in
 * memory it never reaches a disk, and it costs no flush.
 */
export function scriptParentDirectory(): string {
  return candidateParents().find(usable) ?? tmpdir();
}

let current: string | undefined;

/**
 * This process's private directory (0700, `runbook-step-<pid>-t<start>-…`),
 * made on first use (again if something removed it) and removed when the
 * process exits. Making it first sweeps those left by processes of ours that
 * died without exiting (SIGKILL, a crash).
 */
export function privateDirectory(): string {
  if (current !== undefined && existsSync(current)) return current;
  const parent = scriptParentDirectory();
  if (current === undefined) {
    sweepPrivateDirectories();
    process.once('exit', () => current !== undefined && rmSync(current, { recursive: true, force: true }));
  }
  const started = startTime(process.pid);
  current = mkdtempSync(join(parent, `${prefix}${process.pid}-${started === undefined ? '' : `t${started}-`}`));
  return current;
}

/**
 * Removes private directories of this user whose process is gone, or whose
 * pid now belongs to another process (it started at another time), from every
 * place one may be (the runtime dir can differ between runs). A process killed
 * mid-step leaves its step's script and exports listing: the next start removes them.
 */
export function sweepPrivateDirectories(): void {
  for (const parent of new Set([...candidateParents(), tmpdir()])) removeOrphans(parent);
}

function candidateParents(): string[] {
  return [process.env.XDG_RUNTIME_DIR, '/dev/shm'].filter((candidate): candidate is string => candidate !== undefined && candidate !== '');
}

function usable(directory: string): boolean {
  try {
    accessSync(directory, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
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
    const match = owner.exec(name);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (isRunning(pid) && (match[2] === undefined || startTime(pid) === match[2])) continue;
    const path = join(parent, name);
    try {
      if (uid === undefined || statSync(path).uid === uid) rmSync(path, { recursive: true, force: true });
    } catch {
      // Someone else's, or gone already.
    }
  }
}

/** When a process started (clock ticks after boot, Linux), to tell a reused pid from the original; undefined elsewhere. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses); start time is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
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
