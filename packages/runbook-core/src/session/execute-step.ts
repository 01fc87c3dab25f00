import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redactText, runStep, type StepEvent } from '../run/index.ts';
import { DEFAULT_LOG_LIMIT, logTruncationMarker } from '../run/log-limit.ts';
import type { PreparedStep, StepGround } from './prepare-step.ts';
import { stepOptions } from './prepare-step.ts';
import type { SessionIO } from './session-io.ts';
import type { StepValues } from './step-values.ts';

/** One run, whichever runner ran it; failure has the same shape as success. */
export interface StepRunOutcome {
  failed: boolean;
  exitCode?: number;
  signal?: string;
  durationMs: number;
  timedOut: boolean;
  isCanceled: boolean;
  /** Bounded and redacted. */
  stdout: string;
  stderr: string;
  shortMessage: string;
  /** Real values: for the next steps only, never printed or stored as they are. */
  exported: Record<string, string>;
  /** The run was refused by the runner itself (an interactive step without a terminal). */
  refused?: string;
  /** Top-level commands that failed (1-based numbers): the step failed though its last command succeeded. */
  failedCommands?: Array<{ number: number; line: number; exitCode: number }>;
  /** Exported names not carried to later steps, and why (startup variables, oversized values). */
  droppedExports?: Array<{ name: string; reason: string }>;
  /** The output passed the log limit: the log holds this many bytes of it, then a marker line. */
  logTruncatedAt?: number;
  /** Why the log could not be written in full; the run then counts as failed. */
  logIncomplete?: string;
}

export interface ExecuteOptions {
  ground: StepGround;
  values: StepValues;
  /** Full output goes here (redacted). */
  logFile?: string;
  timeoutMs?: number;
  /** Bytes the log holds at most (default: `DEFAULT_LOG_LIMIT`). */
  logLimit?: number;
  signal: AbortSignal;
  /** Output as it comes, redacted; a promise returned pauses the step's output until it settles. */
  onOutput: (stream: 'stdout' | 'stderr', text: string) => void | Promise<void>;
  /** What a cluster Job is doing (pending, pulling the image, …). */
  onProgress: (message: string) => void;
  /** The runner's process id of the step, when it starts. */
  onStarted: (pid: number) => void;
  terminal?: SessionIO['terminal'];
}

/** Runs a prepared step by its kind. Confirmation and the context guard are the caller's, before this. */
export async function executeStep(prepared: PreparedStep, options: ExecuteOptions): Promise<StepRunOutcome> {
  switch (prepared.kind) {
    case 'local':
      return runLocal(prepared, options);
    case 'k8s-health':
      return runHealth(prepared, options);
    case 'job':
      return runJob(prepared, options);
  }
}

async function runLocal(prepared: PreparedStep, options: ExecuteOptions): Promise<StepRunOutcome> {
  const result = await runStep(prepared.step, {
    ...stepOptions(options.ground, options.values),
    ...(prepared.commands === undefined ? {} : { commands: prepared.commands }),
    secrets: options.values.secrets(),
    ...(options.logFile === undefined ? {} : { logFile: options.logFile }),
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    ...(options.logLimit === undefined ? {} : { logLimit: options.logLimit }),
    signal: options.signal,
    // Asked (or refused) by the caller already, with the guard's verdict beside the plan.
    yes: true,
    ...(options.terminal === undefined ? {} : { terminal: options.terminal }),
    onEvent: (event: StepEvent) => {
      if (event.type === 'stdout' || event.type === 'stderr') return options.onOutput(event.type, event.chunk);
      if (event.type === 'started') options.onStarted(event.pid);
      return undefined;
    },
  });
  return {
    failed: result.failed,
    ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
    ...(result.signal === undefined ? {} : { signal: result.signal }),
    durationMs: result.durationMs,
    timedOut: result.timedOut,
    isCanceled: result.isCanceled,
    stdout: result.stdout,
    stderr: result.stderr,
    shortMessage: result.shortMessage,
    exported: result.exported,
    ...(result.refused ? { refused: result.shortMessage } : {}),
    ...(result.failedCommands === undefined ? {} : { failedCommands: result.failedCommands }),
    ...(result.droppedExports === undefined || result.droppedExports.length === 0 ? {} : { droppedExports: result.droppedExports }),
    ...(result.logTruncatedAt === undefined ? {} : { logTruncatedAt: result.logTruncatedAt }),
    ...(result.logIncomplete === undefined ? {} : { logIncomplete: result.logIncomplete }),
  };
}

async function runHealth(prepared: PreparedStep, options: ExecuteOptions): Promise<StepRunOutcome> {
  const { runK8sHealthStep } = await import('../kubernetes/health/k8s-health-step.ts');
  const context = prepared.guard?.expected;
  const result = await runK8sHealthStep(prepared.step, {
    meta: options.ground.runbook.meta,
    env: options.ground.env,
    cwd: prepared.plan.target.cwd,
    signal: options.signal,
    ...(context === undefined ? {} : { context }),
  });
  const stdout = redactText(result.stdout, options.values.secrets());
  const stderr = result.message === undefined || result.exitCode !== 2 ? '' : `${result.message}\n`;
  options.onOutput('stdout', stdout);
  if (stderr !== '') options.onOutput('stderr', stderr);
  await writeLog(options.logFile, stdout + stderr, options.logLimit);
  const label = prepared.step.name ?? prepared.step.id;
  return {
    failed: result.failed,
    exitCode: result.exitCode,
    durationMs: result.durationMs,
    timedOut: result.timedOut,
    isCanceled: result.isCanceled,
    stdout,
    stderr,
    shortMessage: result.failed ? `Step "${label}" found problems: ${result.message ?? result.report.summary}` : `Step "${label}" found the cluster healthy`,
    exported: {},
  };
}

async function runJob(prepared: PreparedStep, options: ExecuteOptions): Promise<StepRunOutcome> {
  const { runStepAsJob } = await import('../kubernetes/job/run-step-as-job.ts');
  const { values, ground } = options;
  // Only what the step reads goes to the cluster, never the whole local environment.
  const variables: Record<string, string> = { ...values.incident() };
  for (const name of prepared.plan.variables.needed) {
    const value = values.valueOf(name);
    if (value !== undefined) variables[name] = value;
  }
  const context = prepared.guard?.expected;
  const result = await runStepAsJob(prepared.step, {
    meta: ground.runbook.meta,
    env: ground.env,
    cwd: prepared.plan.target.cwd,
    variables,
    secrets: Object.keys(variables).filter((name) => values.isSecret(name)),
    signal: options.signal,
    onOutput: (text) => options.onOutput('stdout', redactText(text, values.secrets())),
    onProgress: options.onProgress,
    ...(context === undefined ? {} : { context }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  const stdout = redactText(result.stdout, values.secrets());
  await writeLog(options.logFile, stdout, options.logLimit);
  return {
    failed: result.failed,
    ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
    durationMs: result.durationMs,
    timedOut: result.timedOut,
    isCanceled: result.isCanceled,
    stdout,
    stderr: '',
    shortMessage: redactText(result.shortMessage, values.secrets()),
    exported: {},
  };
}

/** The whole output at once, cut at the limit like a local step's. */
async function writeLog(file: string | undefined, text: string, limit = DEFAULT_LOG_LIMIT): Promise<void> {
  if (file === undefined) return;
  await mkdir(dirname(file), { recursive: true });
  const bytes = Buffer.from(text, 'utf8');
  const kept = bytes.length <= limit ? bytes : Buffer.concat([bytes.subarray(0, limit), Buffer.from(logTruncationMarker(limit))]);
  await writeFile(file, kept, { mode: 0o600 });
}
