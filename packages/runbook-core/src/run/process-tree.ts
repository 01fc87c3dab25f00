import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';

/** One line of `/proc/<pid>/stat`, the fields that link processes. */
export interface ProcessStatus {
  pid: number;
  /** The program name; it changes when the process `exec`s. */
  comm: string;
  ppid: number;
  /** Process group id. */
  pgrp: number;
  /** `R`, `S`, `Z` (zombie: already dead, waiting to be reaped), … */
  state: string;
}

/** Whether `/proc` can tell us about processes (Linux). */
export const hasProcFs: boolean = (() => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();

const statBuffer = Buffer.alloc(1024);

/** Every process visible in `/proc`, or none where there is no `/proc`. */
export function listProcesses(): ProcessStatus[] {
  if (!hasProcFs) return [];
  const processes: ProcessStatus[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const status = readProcessStatus(pid);
    if (status) processes.push(status);
  }
  return processes;
}

export function readProcessStatus(pid: number): ProcessStatus | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(`/proc/${pid}/stat`, 'r');
    const length = readSync(fd, statBuffer, 0, statBuffer.length, 0);
    return parseProcessStatus(statBuffer.toString('latin1', 0, length));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `pid (comm) state ppid pgrp …`; `comm` may hold spaces and parentheses. */
export function parseProcessStatus(line: string): ProcessStatus | undefined {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const [state, ppid, pgrp] = line.slice(close + 2).split(' ');
  const comm = line.slice(open + 1, close);
  const status = { pid: Number.parseInt(line, 10), comm, ppid: Number(ppid), pgrp: Number(pgrp), state: state ?? '' };
  return Number.isInteger(status.pid) && Number.isInteger(status.ppid) && Number.isInteger(status.pgrp) ? status : undefined;
}

/** Whether a process's initial environment holds `entry` (`NAME=value`). */
export function environmentHolds(pid: number, entry: string): boolean {
  try {
    const environment = readFileSync(`/proc/${pid}/environ`);
    const at = environment.indexOf(`${entry}\0`);
    return at === 0 || (at > 0 && environment[at - 1] === 0);
  } catch {
    return false;
  }
}

/**
 * The living processes a step started: its process group (`groupId`, the
 * interpreter's pid), the descendants of `rootPid` by parent links (some may
 * have called `setsid`), and any process whose environment carries `marker`
 * (orphans that left both, as Jenkins finds a build's processes).
 */
export function findStepProcesses(rootPid: number, marker: string | undefined): ProcessStatus[] {
  const processes = listProcesses().filter((process) => process.state !== 'Z' && process.pid !== globalThis.process.pid);
  const children = new Map<number, ProcessStatus[]>();
  for (const process of processes) {
    const siblings = children.get(process.ppid);
    if (siblings) siblings.push(process);
    else children.set(process.ppid, [process]);
  }
  const found = new Map<number, ProcessStatus>();
  const visit = (process: ProcessStatus): void => {
    if (found.has(process.pid)) return;
    found.set(process.pid, process);
    for (const child of children.get(process.pid) ?? []) visit(child);
  };
  for (const process of processes) {
    if (process.pid === rootPid || process.pgrp === rootPid) visit(process);
  }
  if (marker !== undefined) {
    for (const process of processes) {
      if (!found.has(process.pid) && environmentHolds(process.pid, marker)) visit(process);
    }
  }
  return [...found.values()];
}

/** Sends `signal` to the group (if given) and to each pid; a process already gone is fine. */
export function signalProcesses(groupId: number | undefined, pids: Iterable<number>, signal: NodeJS.Signals): void {
  for (const target of groupId === undefined ? pids : [-groupId, ...pids]) {
    try {
      process.kill(target, signal);
    } catch {
      // Gone already, or never ours to signal.
    }
  }
}

/** Whether any process of the group is still running (zombies do not count). */
export function groupIsAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
  } catch {
    return false;
  }
  return !hasProcFs || listProcesses().some((process) => process.pgrp === groupId && process.state !== 'Z');
}
