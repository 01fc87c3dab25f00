/** The signals that mean "stop": Ctrl-C, a polite kill, and a lost terminal (an SSH drop). */
const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface StopSignals {
  /** Aborts at the first stop signal, its reason naming it (`Ctrl-C`, `SIGTERM`, `SIGHUP`). */
  signal: AbortSignal;
  /** The running step's process group: a second stop signal kills it at once. */
  watchProcess(pid: number): void;
  dispose(): void;
}

/**
 * While a run goes on, SIGINT, SIGTERM and SIGHUP do not kill the CLI: the
 * first aborts the run (the step's tree gets SIGTERM, then SIGKILL after the
 * grace period, and the journal records the run as interrupted); a second one
 * during that grace period sends SIGKILL to the step's group at once.
 */
export function handleStopSignals(): StopSignals {
  const controller = new AbortController();
  let group: number | undefined;
  const onSignal = (name: NodeJS.Signals): void => {
    if (!controller.signal.aborted) {
      controller.abort(name === 'SIGINT' ? 'Ctrl-C' : name);
      return;
    }
    if (group === undefined) return;
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  for (const name of stopSignals) process.on(name, onSignal);
  return {
    signal: controller.signal,
    watchProcess: (pid) => {
      group = pid;
    },
    dispose: () => {
      for (const name of stopSignals) process.off(name, onSignal);
    },
  };
}
