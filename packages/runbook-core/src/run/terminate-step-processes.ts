import { setTimeout as delay } from 'node:timers/promises';
import { findStepProcesses, groupIsAlive, signalProcesses, type ProcessStatus } from './process-tree.ts';

export interface TerminationTarget {
  /** The interpreter's pid, which is also its process group id (`detached: true`). */
  groupId: number;
  /** `NAME=value` in the environment of everything the step started. */
  marker: string;
  killSignal: NodeJS.Signals;
  /** Milliseconds between `killSignal` and `SIGKILL`. */
  forceKillAfterDelay: number;
}

const pollEveryMs = 50;

/**
 * Ends every process of a step: `killSignal` first, then `SIGKILL` to what is
 * still running after the grace delay. While waiting it signals again any
 * process that was there at the first signal and has become another program
 * since: a shell's child caught between `fork` and `exec` still had the
 * shell's handlers, so its signal was lost with the `exec`. Processes started
 * later (a trap cleaning up) are left their grace delay.
 * Resolves once nothing is left or the forced kill is sent; `forced` tells which.
 */
export async function terminateStepProcesses(target: TerminationTarget): Promise<{ forced: boolean }> {
  const { groupId, marker, killSignal, forceKillAfterDelay } = target;
  signalProcesses(groupId, [], killSignal);
  const signalled = new Map<number, string>();
  const signal = (processes: ProcessStatus[]): void => {
    for (const process of processes) signalled.set(process.pid, process.comm);
    signalProcesses(
      undefined,
      processes.map((process) => process.pid),
      killSignal,
    );
  };
  signal(findStepProcesses(groupId, marker));
  const deadline = Date.now() + forceKillAfterDelay;
  for (;;) {
    await delay(Math.min(pollEveryMs, Math.max(0, deadline - Date.now())));
    const remaining = findStepProcesses(groupId, marker);
    if (remaining.length === 0 && !groupIsAlive(groupId)) return { forced: false };
    if (Date.now() >= deadline) {
      signalProcesses(
        groupId,
        remaining.map((process) => process.pid),
        'SIGKILL',
      );
      return { forced: true };
    }
    signal(remaining.filter((process) => signalled.has(process.pid) && signalled.get(process.pid) !== process.comm));
  }
}
