import type { StepEnding } from '../../incident/journal-event.ts';
import type { Risk } from '../../model.ts';
import { ExitCode, UsageError } from '../command.ts';
import { confirmationReason, describePreparedStep } from './describe-step.ts';
import { executeStep, type StepRunOutcome } from './execute-step.ts';
import type { PreparedStep } from './prepare-steps.ts';
import { missingValues, prepare, type RunSession } from './run-session.ts';
import { stepLabel, type StepKind } from './select-steps.ts';
import { describeMissingValues } from './step-values.ts';

/** How one chosen step ended. */
export interface StepReport extends Partial<StepEnding> {
  stepId: string;
  name?: string;
  kind: StepKind;
  risk: Risk;
  status: 'succeeded' | 'failed' | 'refused';
  /** 0-based indexes of the chosen commands; absent for the whole block. */
  commands?: number[];
  /** One line: what happened. */
  message: string;
  /** Bounded, redacted output. */
  stdout?: string;
  stderr?: string;
}

export interface RunReport {
  incident?: string;
  steps: StepReport[];
  exitCode: number;
}

/** What the runner needs from the terminal, so tests and the CLI can differ. */
export interface RunIO {
  /** Prompts and confirmations are possible. */
  interactive: boolean;
  ask(question: string, secret: boolean): Promise<string>;
  confirm(details: string, question: string): Promise<boolean>;
  onStepStart(prepared: PreparedStep): void;
  onOutput(stream: 'stdout' | 'stderr', text: string): void;
  onProgress(message: string): void;
  onStepEnd(report: StepReport): void;
  signal: AbortSignal;
}

/**
 * Runs the session's steps in order and stops at the first that fails or is
 * refused. Before anything runs: missing values are asked for (or the run
 * ends, exit 2), every step's context guard is checked and, without a
 * terminal, every step that needs a yes must have `--yes` (else exit 3).
 * Each step is planned and guarded again just before it runs, with the
 * values earlier steps exported.
 */
export async function runSteps(session: RunSession, io: RunIO): Promise<RunReport> {
  const report: RunReport = { ...(session.incident === undefined ? {} : { incident: session.incident.id }), steps: [], exitCode: ExitCode.ok };
  await fillMissingValues(session, io);
  for (const step of session.steps) {
    const refusal = preflightRefusal(await prepare(session, step), session, io);
    if (refusal) return refuse(report, refusal, session, io);
  }
  await session.journal.exports(session.values.givenSecrets().map((name) => ({ name, secret: true })));
  for (const step of session.steps) {
    const prepared = await prepare(session, step);
    const refusal = preflightRefusal(prepared, session, io);
    if (refusal) return refuse(report, refusal, session, io);
    const reason = session.flags.yes ? undefined : confirmationReason(prepared);
    if (reason !== undefined && !(await io.confirm(describePreparedStep(prepared, session.values), `Run step '${stepLabel(step)}'?`))) {
      return refuse(report, { prepared, reason: `not confirmed: ${reason}` }, session, io);
    }
    const stepReport = await runOne(prepared, session, io);
    report.steps.push(stepReport);
    io.onStepEnd(stepReport);
    if (stepReport.status !== 'succeeded') {
      report.exitCode = ExitCode.failed;
      return report;
    }
  }
  return report;
}

async function fillMissingValues(session: RunSession, io: RunIO): Promise<void> {
  const missing = missingValues(session);
  if (missing.length === 0) return;
  if (!io.interactive) throw new UsageError(describeMissingValues(missing));
  for (const value of missing) {
    const about = value.description === undefined ? '' : ` — ${value.description}`;
    const answer = await io.ask(`${value.name}${about}${value.secret ? ' (secret, not shown)' : ''}: `, value.secret);
    session.values.provide(value.name, answer);
  }
}

interface Refusal {
  prepared: PreparedStep;
  /** For the journal: why nothing ran. */
  reason: string;
  /** For the person: what to do about it. */
  hint?: string;
}

function preflightRefusal(prepared: PreparedStep, session: RunSession, io: RunIO): Refusal | undefined {
  const guard = prepared.guard;
  if (guard && !guard.allowed) {
    const hint =
      guard.code === 'context-mismatch' && guard.actual !== undefined
        ? `to run it against '${guard.actual}' anyway, pass --context ${guard.actual}`
        : guard.code === 'namespace-mismatch'
          ? `give the command -n ${guard.expectedNamespace ?? '<namespace>'}, or use a context whose namespace that is`
          : undefined;
    return { prepared, reason: `context guard: ${guard.reason}`, ...(hint === undefined ? {} : { hint }) };
  }
  if (prepared.kind === 'job' && prepared.commands !== undefined) {
    throw new UsageError(`--command cannot choose commands of step '${stepLabel(prepared.step)}': it runs as a Kubernetes Job, whole`);
  }
  const reason = session.flags.yes ? undefined : confirmationReason(prepared);
  if (reason !== undefined && !io.interactive) {
    return { prepared, reason: `${reason}; no terminal to confirm on`, hint: 'pass --yes to run it unattended' };
  }
  return undefined;
}

async function refuse(report: RunReport, refusal: Refusal, session: RunSession, io: RunIO): Promise<RunReport> {
  const { prepared, reason, hint } = refusal;
  await session.journal.refused(prepared.step, runFields(prepared), reason);
  const message = `${stepLabel(prepared.step)} refused: ${reason}${hint === undefined ? '' : `; ${hint}`}`;
  const stepReport: StepReport = { ...reportBase(prepared), status: 'refused', message };
  report.steps.push(stepReport);
  io.onStepEnd(stepReport);
  report.exitCode = ExitCode.refused;
  return report;
}

async function runOne(prepared: PreparedStep, session: RunSession, io: RunIO): Promise<StepReport> {
  const { step, guard } = prepared;
  const fields = runFields(prepared);
  if (guard?.override && guard.override.declared !== guard.override.context && guard.code !== 'no-cluster') {
    const declared = guard.override.declared === undefined ? 'no declared context' : `the declared '${guard.override.declared}'`;
    await session.journal.note(
      `Kube context override for step '${stepLabel(step)}': ran against '${guard.override.context}' instead of ${declared} (--context)`,
    );
  }
  const log = await session.journal.logFile(step, new Date());
  await session.journal.started(step, fields, log?.recorded);
  io.onStepStart(prepared);
  let outcome: StepRunOutcome;
  try {
    outcome = await executeStep(prepared, {
      loaded: session.loaded,
      values: session.values,
      env: session.env,
      ...(log === undefined ? {} : { logFile: log.path }),
      ...(session.flags.timeoutMs === undefined ? {} : { timeoutMs: session.flags.timeoutMs }),
      signal: io.signal,
      onOutput: io.onOutput,
      onProgress: io.onProgress,
    });
  } catch (error) {
    // The journal must not keep a step "running" forever.
    await session.journal.finished(step, fields, { durationMs: 0, timedOut: false, isCanceled: false }, log?.recorded);
    throw error;
  }
  await session.journal.finished(step, fields, outcome, log?.recorded);
  await session.journal.exports(session.values.addExports(outcome.exported));
  return {
    ...reportBase(prepared),
    status: outcome.failed ? 'failed' : 'succeeded',
    ...(outcome.exitCode === undefined ? {} : { exitCode: outcome.exitCode }),
    ...(outcome.signal === undefined ? {} : { signal: outcome.signal }),
    durationMs: outcome.durationMs,
    timedOut: outcome.timedOut,
    canceled: outcome.isCanceled,
    ...(log === undefined ? {} : { logFile: log.path }),
    message: outcome.shortMessage,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
  };
}

function runFields(prepared: PreparedStep) {
  return { risk: prepared.plan.risk, ...(prepared.plan.selected ? { commands: prepared.plan.commands.map((command) => command.index) } : {}) };
}

function reportBase(prepared: PreparedStep): Pick<StepReport, 'stepId' | 'name' | 'kind' | 'risk' | 'commands'> {
  const { step, plan } = prepared;
  return {
    stepId: step.id,
    ...(step.name === undefined ? {} : { name: step.name }),
    kind: prepared.kind,
    risk: plan.risk,
    ...(plan.selected ? { commands: plan.commands.map((command) => command.index) } : {}),
  };
}
