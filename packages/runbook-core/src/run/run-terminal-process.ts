import { constants } from 'node:os';
import type { IPty } from 'node-pty';
import type { ScriptProcess, ScriptProcessOptions, ScriptProcessOutcome } from './run-script-process.ts';
import type { StepTerminal } from './run-step-options.ts';
import { groupIsAlive } from './process-tree.ts';
import { terminateStepProcesses } from './terminate-step-processes.ts';

type PtyModule = typeof import('node-pty');

/** After the interpreter exits, output quiet this long means the terminal has handed over all of it. */
const quietAfterExitMs = 50;
/** …and reading stops this long after the exit in any case (a background job may keep writing). */
const maxDrainMs = 1000;

let loading: Promise<PtyModule | Error> | undefined;

/** node-pty, loaded on first use: most runs never need a terminal, and it is an optional dependency. */
export function loadPty(): Promise<PtyModule | Error> {
  loading ??= import('node-pty').then(
    (module) => ((module as { default?: PtyModule }).default ?? module) as PtyModule,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  return loading;
}

/**
 * Runs the interpreter in a pseudo-terminal (an interactive step): its
 * stdin, stdout and stderr are the terminal, so `read`, `kubectl exec -it`
 * and pagers work. What it prints goes through the collector (redacted,
 * bounded, logged) as `stdout`; what the person types reaches it through
 * `terminal.input`. The interpreter leads its own session, so timeout and
 * cancel end its whole process group as for other steps.
 */
export function runTerminalProcess(pty: PtyModule, terminal: StepTerminal, options: ScriptProcessOptions): ScriptProcess {
  const started = performance.now();
  const state: ScriptProcessOutcome = { timedOut: false, isCanceled: false, isForcefullyTerminated: false, durationMs: 0 };
  let child: IPty;
  try {
    child = pty.spawn(options.program, options.args, {
      name: options.env.TERM ?? 'xterm-256color',
      cols: terminal.columns,
      rows: terminal.rows,
      cwd: options.cwd,
      env: options.env,
    });
  } catch (error) {
    state.spawnError = error instanceof Error ? error : new Error(String(error));
    return { outcome: Promise.resolve(state), cancel: () => {} };
  }
  const pid = child.pid;
  state.pid = pid;
  options.onStarted(pid);
  let exited = false;
  let termination: Promise<void> | undefined;
  const timers: NodeJS.Timeout[] = [];
  const terminate = (): void => {
    termination ??= terminateStepProcesses({
      groupId: pid,
      marker: options.marker,
      killSignal: options.killSignal,
      forceKillAfterDelay: options.forceKillAfterDelay,
    }).then(({ forced }) => {
      state.isForcefullyTerminated ||= forced;
    });
  };
  const cancel = (kind: 'timeout' | 'abort', reason?: unknown): void => {
    if (exited || termination) return;
    if (kind === 'timeout') state.timedOut = true;
    else state.isCanceled = true;
    if (reason !== undefined) state.cancelReason = reason;
    terminate();
  };
  const onAbort = (): void => cancel('abort');

  let paused = false;
  let lastData = performance.now();
  const dataListener = child.onData((chunk) => {
    lastData = performance.now();
    if (options.collector.write('stdout', chunk) || paused) return;
    paused = true;
    child.pause();
    void options.collector.ready().then(() => {
      paused = false;
      child.resume();
    });
  });
  terminal.input((data) => {
    if (!exited) child.write(data);
  });

  const outcome = new Promise<ScriptProcessOutcome>((resolve) => {
    const exitListener = child.onExit(({ exitCode, signal }) => {
      exited = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // node-pty reports a signal as a number; 0 means none.
      const name = signal ? signalName(signal) : undefined;
      if (name) state.signal = name;
      else state.exitCode = exitCode;
      state.durationMs = performance.now() - started;
      exitListener.dispose();
      // Background jobs of the step do not outlive it, as with other steps.
      if (!termination && groupIsAlive(pid)) terminate();
      // The terminal may still hand over output after the exit: read on until it has been quiet a moment.
      const finish = (): void => {
        const quietFor = performance.now() - lastData;
        if (quietFor < quietAfterExitMs && performance.now() - started - state.durationMs < maxDrainMs) {
          setTimeout(finish, quietAfterExitMs - quietFor);
          return;
        }
        dataListener.dispose();
        options.collector.end('stdout');
        void (termination ?? Promise.resolve()).then(() => resolve(state));
      };
      finish();
    });
  });
  if (options.timeout > 0) timers.push(setTimeout(() => cancel('timeout'), options.timeout));
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  return { outcome, cancel: (reason) => cancel('abort', reason) };
}

function signalName(signal: number): NodeJS.Signals | undefined {
  const { signals } = constants;
  return (Object.keys(signals) as NodeJS.Signals[]).find((name) => signals[name] === signal);
}
