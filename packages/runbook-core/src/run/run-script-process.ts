import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { OutputCollector, OutputStream } from './output-collector.ts';
import { groupIsAlive } from './process-tree.ts';
import { terminateStepProcesses } from './terminate-step-processes.ts';

export interface ScriptProcessOptions {
  program: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Reading pauses while it is behind (`write` returned `false`) until its `ready()` settles. */
  collector: OutputCollector;
  /** `NAME=value` present in the environment of every process of the run. */
  marker: string;
  timeout: number;
  signal?: AbortSignal;
  killSignal: NodeJS.Signals;
  forceKillAfterDelay: number;
  onStarted(pid: number): void;
}

export interface ScriptProcessOutcome {
  pid?: number;
  exitCode?: number;
  signal?: NodeJS.Signals;
  timedOut: boolean;
  isCanceled: boolean;
  isForcefullyTerminated: boolean;
  spawnError?: Error;
  durationMs: number;
  /** Set by `cancel`, e.g. what an event callback threw. */
  cancelReason?: unknown;
}

export interface ScriptProcess {
  outcome: Promise<ScriptProcessOutcome>;
  /** Cancels the run as an abort would. */
  cancel(reason: unknown): void;
}

/** Process groups of runs in progress, ended if this process exits first. */
const runningGroups = new Set<number>();
let exitHookInstalled = false;

function endRunningGroupsOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of runningGroups) {
      try {
        process.kill(-group, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  });
}

/** After the interpreter exits, how long its output may stay open before we look for who holds it. */
const leftoverCheckDelayMs = 100;

/**
 * Runs the interpreter in its own process group, streams its output into the
 * collector, and makes sure nothing it started outlives the run: on timeout
 * or abort every process of the run gets `killSignal`, then `SIGKILL`; when
 * the interpreter exits by itself, background jobs still in its group or
 * still holding its output are ended the same way. A process none of that
 * finds (it left the group and the tree and replaced its environment) is
 * left alone; reading stops once the output has been quiet for the grace
 * delay plus a second.
 */
export function runScriptProcess(options: ScriptProcessOptions): ScriptProcess {
  endRunningGroupsOnExit();
  const started = performance.now();
  const state: ScriptProcessOutcome = { timedOut: false, isCanceled: false, isForcefullyTerminated: false, durationMs: 0 };
  let child: ChildProcess;
  try {
    child = spawn(options.program, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
  } catch (error) {
    state.spawnError = error instanceof Error ? error : new Error(String(error));
    return { outcome: Promise.resolve(state), cancel: () => {} };
  }
  const pid = child.pid;
  let exited = false;
  let closed = false;
  let termination: Promise<void> | undefined;
  const timers: NodeJS.Timeout[] = [];

  const terminate = (): void => {
    if (termination || pid === undefined) return;
    termination = terminateStepProcesses({
      groupId: pid,
      marker: options.marker,
      killSignal: options.killSignal,
      forceKillAfterDelay: options.forceKillAfterDelay,
    }).then(({ forced }) => {
      state.isForcefullyTerminated ||= forced;
      // A process we could not find (its environment replaced) may still hold the pipes:
      // stop reading once they have been quiet for a while.
      if (!closed) giveUpWhenQuiet(options.forceKillAfterDelay + 1000);
    });
  };
  let lastOutput = performance.now();
  // Paused for a reader that is behind, the pipes are not quiet: what they hold is still to come.
  let paused = false;
  const giveUpWhenQuiet = (quietMs: number): void => {
    const quietFor = paused ? 0 : performance.now() - lastOutput;
    if (quietFor >= quietMs) finish();
    else timers.push(setTimeout(() => closed || giveUpWhenQuiet(quietMs), quietMs - quietFor));
  };
  const cancel = (kind: 'timeout' | 'abort', reason?: unknown): void => {
    if (exited || closed || termination) return;
    if (kind === 'timeout') state.timedOut = true;
    else state.isCanceled = true;
    if (reason !== undefined) state.cancelReason = reason;
    terminate();
  };
  const onAbort = (): void => cancel('abort');

  let resolveOutcome: (outcome: ScriptProcessOutcome) => void = () => {};
  const outcome = new Promise<ScriptProcessOutcome>((resolve) => (resolveOutcome = resolve));
  const finish = (): void => {
    if (closed) return;
    closed = true;
    for (const timer of timers) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    child.stdout?.destroy();
    child.stderr?.destroy();
    state.durationMs = performance.now() - started;
    void (termination ?? Promise.resolve()).then(() => resolveOutcome(state));
  };

  if (pid !== undefined) {
    state.pid = pid;
    runningGroups.add(pid);
    void outcome.then(() => runningGroups.delete(pid));
    options.onStarted(pid);
  }
  const streams = [child.stdout, child.stderr].filter((stream): stream is Readable => stream !== null);
  // The step blocks on its full pipes meanwhile: nothing piles up in memory.
  const pauseUntilReady = (): void => {
    if (paused) return;
    paused = true;
    for (const stream of streams) stream.pause();
    void options.collector.ready().then(() => {
      paused = false;
      lastOutput = performance.now();
      if (!closed) for (const stream of streams) stream.resume();
    });
  };
  const read = (stream: Readable | null, name: OutputStream): void => {
    if (!stream) return;
    stream.on('data', (chunk: Buffer) => {
      lastOutput = performance.now();
      if (!options.collector.write(name, chunk)) pauseUntilReady();
    });
    stream.on('end', () => options.collector.end(name));
  };
  read(child.stdout, 'stdout');
  read(child.stderr, 'stderr');

  child.on('error', (error) => {
    if (pid === undefined) state.spawnError = error;
  });
  child.on('exit', (code, signal) => {
    exited = true;
    if (code !== null) state.exitCode = code;
    if (signal !== null) state.signal = signal;
    if (pid === undefined || termination) return;
    if (groupIsAlive(pid)) terminate();
    else timers.push(setTimeout(() => closed || terminate(), leftoverCheckDelayMs));
  });
  child.on('close', finish);

  if (options.timeout > 0) timers.push(setTimeout(() => cancel('timeout'), options.timeout));
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  return { outcome, cancel: (reason) => cancel('abort', reason) };
}
