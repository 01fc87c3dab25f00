import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { constants } from 'node:os';
import { dirname, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Step } from '../model.ts';
import { commandLines } from './command-lines.ts';
import { carryExports, type DroppedExport } from './export-policy.ts';
import { describeFailedCommands, readFailedCommands, type FailedCommand } from './failed-commands.ts';
import { optional } from './optional-field.ts';
import { OutputCollector, type CollectedOutput } from './output-collector.ts';
import { readStepExports } from './read-step-exports.ts';
import { renderPlan } from './render-plan.ts';
import { runScriptProcess, type ScriptProcess, type ScriptProcessOptions, type ScriptProcessOutcome } from './run-script-process.ts';
import type { RunStepOptions } from './run-step-options.ts';
import { DEFAULT_LOG_LIMIT } from './log-limit.ts';
import { loadPty, runTerminalProcess } from './run-terminal-process.ts';
import { secretExportNames } from './secret-exports.ts';
import type { StepEvent } from './step-event.ts';
import { planWithEnvironment, type StepPlan } from './step-plan.ts';
import { StepError, type StepResult } from './step-result.ts';
import { wrapperVariables, writeStepScript, type StepScript } from './step-script.ts';

/** Names this run's processes carry in their environment: `RUNBOOK_RUN_ID=<uuid>`. */
export const runIdVariable = 'RUNBOOK_RUN_ID';

const defaults = { bufferHead: 64 * 1024, bufferTail: 64 * 1024, forceKillAfterDelay: 3000, killSignal: 'SIGTERM' as NodeJS.Signals };

/**
 * Runs one step as written, like a script file, and resolves to an
 * execa-shaped `StepResult` (see `RunStepOptions` for every option and its
 * default). Values reach the script only through its environment. A risky
 * step asks `confirm` first and runs nothing when refused.
 *
 * Throws (rejects) only on misuse of the options, on what `onEvent` or
 * `confirm` throws, and, with `reject: true`, with a `StepError` when the
 * step failed.
 */
export async function runStep(step: Step, options: RunStepOptions = {}): Promise<StepResult> {
  const settings = readSettings(step, options);
  const { plan, env } = planWithEnvironment(step, options);
  const run = new StepRun(step, plan, env, options);
  const result = await run.execute(settings);
  if (run.callbackError !== undefined) throw run.callbackError;
  run.emit({ type: 'finished', time: Date.now(), result });
  if (run.callbackError !== undefined) throw run.callbackError;
  if (result.failed && options.reject === true) throw new StepError(result);
  return result;
}

type Settings = ReturnType<typeof readSettings>;

class StepRun {
  callbackError: unknown;
  readonly #step: Step;
  readonly #plan: StepPlan;
  readonly #env: Record<string, string>;
  readonly #options: RunStepOptions;
  readonly #startedAt = new Date();
  #cancel: ((reason: unknown) => void) | undefined;

  constructor(step: Step, plan: StepPlan, env: Record<string, string>, options: RunStepOptions) {
    this.#step = step;
    this.#plan = plan;
    this.#env = env;
    this.#options = options;
  }

  /** What `onEvent` returned when it is a promise (a sink that is behind), its failure handled here. */
  emit(event: StepEvent): Promise<void> | undefined {
    if (!this.#options.onEvent || this.callbackError !== undefined) return undefined;
    try {
      const returned: unknown = this.#options.onEvent(event);
      if (returned instanceof Promise) return returned.then(noop, (error: unknown) => this.#fail(error));
    } catch (error) {
      this.#fail(error);
    }
    return undefined;
  }

  #fail(error: unknown): void {
    if (this.callbackError !== undefined) return;
    this.callbackError = error;
    this.#cancel?.(error);
  }

  async execute(settings: Settings): Promise<StepResult> {
    const plan = this.#plan;
    const blocking = plan.problems.filter((problem) => problem.code !== 'interpreter-not-found' && problem.code !== 'unsafe-interpreter');
    if (blocking.length > 0) return this.#notRun(`cannot run: ${blocking.map((problem) => problem.message).join('; ')}`, { failed: true });
    if (plan.confirmation && this.#options.yes !== true) {
      const refusal = await this.#askConfirmation(plan.confirmation);
      if (refusal !== undefined) return this.#notRun(`was refused: ${refusal}`, { refused: true });
    }
    if (this.#options.signal?.aborted) return this.#notRun('was canceled before it started', { isCanceled: true });
    const interpreter = plan.interpreter;
    if (!interpreter) return this.#notRun('cannot run: no interpreter', { failed: true });
    const interactive = this.#step.options.interactive === true;
    const terminal = this.#options.terminal;
    if (interactive && terminal === undefined) {
      return this.#notRun(
        'was refused: it is interactive (interactive=true) and needs a terminal; run it from a terminal (the runbook CLI on a terminal) or from the editor, which gives it one',
        { refused: true },
      );
    }
    const pty = interactive ? await loadPty() : undefined;
    if (pty instanceof Error) {
      return this.#notRun(`was refused: it is interactive and needs a pseudo-terminal, but node-pty could not be loaded (${pty.message})`, {
        refused: true,
        cause: pty,
      });
    }

    const env = this.#env;
    const marker = `${runIdVariable}=${randomUUID()}`;
    let script: StepScript;
    const lines = this.#step.isShell ? commandLines(this.#step, plan.selected ? plan.commands : undefined) : undefined;
    try {
      script = writeStepScript(plan.code, interpreter, plan.errexit, lines);
    } catch (error) {
      return this.#notRun(`cannot write its script file: ${(error as Error).message}`, { failed: true, cause: error });
    }
    try {
      let log: WriteStream | undefined;
      try {
        log = settings.logFile === undefined ? undefined : await openLog(settings.logFile);
      } catch (error) {
        return this.#notRun(`cannot write its log file ${settings.logFile}: ${(error as Error).message}`, { failed: true, cause: error });
      }
      const runEnv: Record<string, string> = {
        ...env,
        ...script.env,
        ...pythonUnbuffered(interpreter.family, env),
        [runIdVariable]: marker.slice(runIdVariable.length + 1),
      };
      // A terminal has a type; set here so that it is part of what the step was given, not an export.
      if (pty) runEnv.TERM ??= 'xterm-256color';
      const collector = new OutputCollector({
        secrets: settings.secrets,
        bufferHead: settings.bufferHead,
        bufferTail: settings.bufferTail,
        ...optional('log', log),
        logLimit: settings.logLimit,
        emit: (event) => this.emit(event),
      });
      const processOptions: ScriptProcessOptions = {
        program: script.program,
        args: script.args,
        cwd: plan.target.cwd,
        env: runEnv,
        collector,
        marker,
        timeout: settings.timeout,
        ...optional('signal', this.#options.signal),
        killSignal: settings.killSignal,
        forceKillAfterDelay: settings.forceKillAfterDelay,
        onStarted: (pid) => this.emit({ type: 'started', time: Date.now(), pid, command: script.command, cwd: plan.target.cwd }),
      };
      const running: ScriptProcess = pty && terminal ? runTerminalProcess(pty, terminal, processOptions) : runScriptProcess(processOptions);
      this.#cancel = running.cancel;
      if (this.callbackError !== undefined) running.cancel(this.callbackError);
      const outcome = await running.outcome;
      collector.finish();
      const logError = log && (await closeLog(log));
      const exports = this.#exports(script, runEnv, outcome, settings.secrets);
      const failedCommands = script.failuresFile !== undefined && lines !== undefined ? readFailedCommands(script.failuresFile, lines) : [];
      const written = settings.logFile === undefined ? undefined : { file: settings.logFile, truncatedAt: collector.logTruncatedAt, error: logError };
      return this.#ranResult(script.command, outcome, collector.collected(logError ? undefined : settings.logFile), exports, failedCommands, settings, written);
    } finally {
      script.remove();
    }
  }

  async #askConfirmation(reason: 'risk' | 'step-asks'): Promise<string | undefined> {
    const confirm = this.#options.confirm;
    if (!confirm) {
      const why = reason === 'risk' ? `its commands ${this.#plan.risk === 'destroy' ? 'destroy' : 'mutate'}` : 'it asks for confirmation';
      return `${why} and no confirm callback was given; pass yes: true to run it unattended (CLI: --yes)`;
    }
    const accepted = await confirm({ reason, plan: this.#plan, text: renderPlan(this.#plan) });
    return accepted === true ? undefined : 'the confirmation was declined';
  }

  #exports(script: StepScript, env: Record<string, string>, outcome: ScriptProcessOutcome, secrets: readonly string[]): StepExports {
    if (script.exportsFile === undefined || outcome.spawnError) return { carried: {}, dropped: [], secret: [] };
    const { carried, dropped } = carryExports(readStepExports(script.exportsFile, env, [runIdVariable, ...wrapperVariables]));
    return { carried, dropped, secret: secretExportNames(carried, secrets) };
  }

  #base(command: string): Omit<StepResult, 'shortMessage' | 'message' | 'failed' | 'stdout' | 'stderr' | 'output'> {
    const plan = this.#plan;
    return {
      stepId: this.#step.id,
      ...optional('stepName', this.#step.name),
      commands: plan.selected ? plan.commands.map((command) => command.index) : [],
      risk: plan.risk,
      command,
      cwd: plan.target.cwd,
      startedAt: this.#startedAt.toISOString(),
      durationMs: 0,
      timedOut: false,
      isCanceled: false,
      isTerminated: false,
      isForcefullyTerminated: false,
      exported: {},
    };
  }

  #notRun(what: string, fields: { failed?: true; refused?: true; isCanceled?: true; cause?: unknown }): StepResult {
    const shortMessage = `${this.#title()} ${what}`;
    const command = this.#plan.interpreter ? [this.#plan.interpreter.program, ...this.#plan.interpreter.args].join(' ') : '';
    return {
      ...this.#base(command),
      ...fields,
      failed: true,
      stdout: '',
      stderr: '',
      output: '',
      shortMessage,
      message: shortMessage,
    };
  }

  #ranResult(
    command: string,
    outcome: ScriptProcessOutcome,
    output: CollectedOutput,
    exports: StepExports,
    failedCommands: FailedCommand[],
    settings: Settings,
    log: { file: string; truncatedAt: number | undefined; error: Error | undefined } | undefined,
  ): StepResult {
    const logError = log?.error;
    const failed =
      outcome.spawnError !== undefined ||
      outcome.timedOut ||
      outcome.isCanceled ||
      outcome.signal !== undefined ||
      outcome.exitCode !== 0 ||
      failedCommands.length > 0 ||
      logError !== undefined;
    const ended = describeOutcome(outcome, this.#plan, settings, failedCommands);
    const shortMessage = logError
      ? `${this.#title()} ${ended}, but its log file ${log?.file} is incomplete (${oneLine(logError.message)})${ended === 'succeeded' ? ', so it counts as failed' : ''}: ${command}`
      : `${this.#title()} ${ended}: ${command}`;
    const cause = outcome.spawnError ?? outcome.cancelReason ?? logError;
    return {
      ...this.#base(command),
      durationMs: outcome.durationMs,
      ...optional('exitCode', outcome.spawnError ? undefined : outcome.exitCode),
      ...optional('signal', outcome.signal),
      ...optional('pid', outcome.pid),
      failed,
      ...(failedCommands.length > 0 && { failedCommands }),
      timedOut: outcome.timedOut,
      isCanceled: outcome.isCanceled,
      isTerminated: outcome.signal !== undefined,
      isForcefullyTerminated: outcome.isForcefullyTerminated,
      ...output,
      ...optional('logFile', log?.file),
      ...optional('logTruncatedAt', log?.truncatedAt),
      ...(logError && { logIncomplete: oneLine(logError.message) }),
      exported: exports.carried,
      ...(exports.secret.length > 0 && { secretExports: exports.secret }),
      ...(exports.dropped.length > 0 && { droppedExports: exports.dropped }),
      shortMessage,
      message: failed && output.output !== '' ? `${shortMessage}\n\n${output.output}` : shortMessage,
      ...optional('cause', cause),
    };
  }

  #title(): string {
    return `Step ${this.#step.name ? `"${this.#step.name}"` : this.#step.id}`;
  }
}

interface StepExports {
  carried: Record<string, string>;
  dropped: DroppedExport[];
  /** Names in `carried` whose values hold a secret. */
  secret: string[];
}

function describeOutcome(outcome: ScriptProcessOutcome, plan: StepPlan, settings: Settings, failedCommands: readonly FailedCommand[]): string {
  const error = outcome.spawnError as NodeJS.ErrnoException | undefined;
  if (error?.code === 'ENOENT') return `could not start: interpreter "${plan.interpreter?.program}" was not found (is it installed and on PATH?)`;
  if (error) return `could not start (${error.message})`;
  if (outcome.timedOut) return `timed out after ${settings.timeout} milliseconds`;
  if (outcome.isCanceled) return 'was canceled';
  if (outcome.signal) return `was killed with ${outcome.signal}`;
  const commands =
    failedCommands.length > 0
      ? `${failedCommands.length === 1 ? 'a command' : `${failedCommands.length} commands`} failed (${describeFailedCommands(failedCommands)})`
      : '';
  if (outcome.exitCode !== 0) return `failed with exit code ${outcome.exitCode}${commands && `; ${commands}`}`;
  return commands ? `failed: ${commands}` : 'succeeded';
}

/** Ends the log; the error if it could not be written whole (the run went on without it). */
async function closeLog(log: WriteStream): Promise<Error | undefined> {
  const failure = log.errored ?? undefined;
  log.end();
  try {
    await finished(log);
  } catch (error) {
    return failure ?? (error as Error);
  }
  return failure;
}

async function openLog(file: string): Promise<WriteStream> {
  await mkdir(dirname(file), { recursive: true });
  const log = createWriteStream(file, { flags: 'w', mode: 0o600 });
  await new Promise<void>((resolveOpen, rejectOpen) => {
    log.once('open', () => resolveOpen());
    log.once('error', rejectOpen);
  });
  // A failed write is read from `log.errored` when the run ends, not thrown.
  log.on('error', () => {});
  return log;
}

function noop(): void {}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Python buffers its output when it is not a terminal; a runbook wants to see it live. */
function pythonUnbuffered(family: string, env: Record<string, string>): Record<string, string> {
  return family === 'python' && env.PYTHONUNBUFFERED === undefined ? { PYTHONUNBUFFERED: '1' } : {};
}

function checkTerminal(terminal: RunStepOptions['terminal']): void {
  if (terminal === undefined) return;
  if (typeof terminal !== 'object' || terminal === null) throw new TypeError("runStep: option 'terminal' must be an object with columns, rows and input");
  for (const size of ['columns', 'rows'] as const) {
    const value = terminal[size];
    if (!Number.isInteger(value) || value < 1 || value > 10000)
      throw new TypeError(`runStep: option 'terminal.${size}' must be a whole number from 1 to 10000, got ${String(value)}`);
  }
  if (typeof terminal.input !== 'function') throw new TypeError("runStep: option 'terminal.input' must be a function");
}

function readSettings(step: Step, options: RunStepOptions) {
  if (typeof options !== 'object' || options === null) throw new TypeError('runStep: options must be an object');
  const count = (name: 'bufferHead' | 'bufferTail' | 'forceKillAfterDelay' | 'timeout' | 'logLimit', fallback: number): number => {
    const value = options[name] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TypeError(
        `runStep: option '${name}' must be a non-negative number of ${name === 'forceKillAfterDelay' || name === 'timeout' ? 'milliseconds' : name === 'logLimit' ? 'bytes' : 'characters'}, got ${String(value)}`,
      );
    }
    return Math.floor(value);
  };
  const killSignal = options.killSignal ?? defaults.killSignal;
  if (!(killSignal in constants.signals)) throw new TypeError(`runStep: option 'killSignal' is not a signal name: ${String(killSignal)}`);
  if (options.logFile !== undefined && (typeof options.logFile !== 'string' || options.logFile === '')) {
    throw new TypeError(`runStep: option 'logFile' must be a file path, got ${String(options.logFile)}`);
  }
  if (options.secrets !== undefined && (typeof options.secrets === 'string' || !(Symbol.iterator in Object(options.secrets)))) {
    throw new TypeError("runStep: option 'secrets' must be a list of values, not a single string");
  }
  if (options.onEvent !== undefined && typeof options.onEvent !== 'function') throw new TypeError("runStep: option 'onEvent' must be a function");
  if (options.confirm !== undefined && typeof options.confirm !== 'function') throw new TypeError("runStep: option 'confirm' must be a function");
  checkTerminal(options.terminal);
  return {
    bufferHead: count('bufferHead', defaults.bufferHead),
    bufferTail: count('bufferTail', defaults.bufferTail),
    forceKillAfterDelay: count('forceKillAfterDelay', defaults.forceKillAfterDelay),
    timeout: count('timeout', step.options.timeoutMs ?? 0),
    logLimit: count('logLimit', DEFAULT_LOG_LIMIT),
    killSignal,
    secrets: [...(options.secrets ?? [])],
    logFile: options.logFile === undefined ? undefined : resolve(options.logFile),
  };
}
