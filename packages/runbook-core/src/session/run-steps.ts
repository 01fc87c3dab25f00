import type { Step } from '../model.ts';
import { alternativesHint, findAlternatives, riskyCommandCount, textAboveBlock } from '../run/alternatives.ts';
import { commandIndex, commandNumber, commandNumberList } from '../run/command-number.ts';
import { renderPlan, type CommandSelector } from '../run/index.ts';
import { approvalPreflight, awaitApproval } from './approval-gate.ts';
import { confirmationReason } from './confirmation-reason.ts';
import { executeStep, type StepRunOutcome } from './execute-step.ts';
import { withPinnedKubeconfig } from './pinned-kubeconfig.ts';
import type { PreparedStep } from './prepare-step.ts';
import type { RunSession } from './run-session.ts';
import type { RunReport, SessionIO, StepReport } from './session-io.ts';
import { stepLabel } from './step-kind.ts';
import { describeMissingValues } from './step-values.ts';

/** Exit codes of a run, shared with the CLI. */
export const RunExit = { ok: 0, failed: 1, input: 2, refused: 3, interrupted: 130 } as const;

interface Refusal {
  prepared: PreparedStep;
  /** For the journal: why nothing ran. */
  reason: string;
  /** For the person: what to do about it. */
  hint?: string;
}

/**
 * Runs the steps in order and stops at the first that fails, is refused or is
 * interrupted. Before anything runs: missing values are asked for (or the
 * run ends, exit 2), a block of alternatives run whole asks which one, every
 * step's guard is checked and, without a person to ask, every step that needs
 * a yes is refused (exit 3). Each step is planned and guarded again just
 * before it runs, with the values earlier steps exported.
 */
export async function runSteps(session: RunSession, steps: readonly Step[], io: SessionIO, commands?: readonly CommandSelector[]): Promise<RunReport> {
  const report: RunReport = { ...(session.incident === undefined ? {} : { incident: session.incident.id }), steps: [], exitCode: RunExit.ok };
  const chosen = new Map<Step, readonly CommandSelector[] | undefined>(steps.map((step) => [step, commands]));
  const missing = session.missingValues(steps, commands);
  if (missing.length > 0) {
    if (!io.interactive) {
      report.problem = describeMissingValues(missing);
      report.exitCode = RunExit.input;
      return report;
    }
    for (const value of missing) {
      const answer = await io.ask({
        name: value.name,
        secret: value.secret,
        readBy: value.readBy,
        ...(value.description === undefined ? {} : { description: value.description }),
      });
      session.values.provide(value.name, answer);
    }
  }
  for (const step of steps) {
    if (chosen.get(step) !== undefined) continue;
    const choice = await chooseAlternative(session, step, io);
    if ('refusal' in choice) return refuse(report, { prepared: await session.prepare(step), ...choice.refusal }, session, io);
    chosen.set(step, choice.commands);
  }
  for (const step of steps) {
    const refusal = preflightRefusal(await session.prepare(step, chosen.get(step)), session, io);
    if (refusal) return refuse(report, refusal, session, io);
  }
  await session.journal.exports(session.values.givenSecrets().map((name) => ({ name, secret: true })));
  for (const step of steps) {
    const prepared = await session.prepare(step, chosen.get(step));
    const refusal = preflightRefusal(prepared, session, io);
    if (refusal) return refuse(report, refusal, session, io);
    const reason = session.options.yes === true ? undefined : confirmationReason(prepared);
    if (reason !== undefined && !(await io.confirm(confirmationRequest(prepared, reason, session)))) {
      return refuse(report, { prepared, reason: `not confirmed: ${reason}` }, session, io);
    }
    if (io.signal.aborted) return interruptedBeforeStart(report, prepared, io);
    // The two-person rule: another responder's yes, for exactly these commands and values.
    const approval = await awaitApproval(prepared, session, io);
    if (approval.kind === 'refused')
      return refuse(report, { prepared, reason: approval.reason, ...(approval.hint === undefined ? {} : { hint: approval.hint }) }, session, io);
    if (approval.kind === 'interrupted') return interruptedBeforeStart(report, prepared, io);
    const stepReport = await runOne(approval.prepared, session, io);
    report.steps.push(stepReport);
    io.onStepEnd?.(stepReport);
    if (stepReport.status !== 'succeeded') {
      report.exitCode = stepReport.status === 'interrupted' ? RunExit.interrupted : stepReport.status === 'refused' ? RunExit.refused : RunExit.failed;
      return report;
    }
  }
  return report;
}

/** A block of alternatives run whole: the IO says which one, or explicitly all. */
async function chooseAlternative(
  session: RunSession,
  step: Step,
  io: SessionIO,
): Promise<{ commands: CommandSelector[] | undefined } | { refusal: { reason: string; hint?: string } }> {
  const section = session.runbook.sections.find((candidate) => candidate.slug === step.section);
  const lines = session.source?.split('\n');
  const alternatives = findAlternatives(step, {
    ...(section === undefined ? {} : { sectionTitle: section.title }),
    ...(lines === undefined ? {} : { textAbove: textAboveBlock((line) => lines[line - 1] ?? '', step.position.start.line) }),
  });
  if (alternatives.length === 0) return { commands: undefined };
  const listed = alternatives.map((alternative) => `${commandNumberList(alternative.commands)} (${alternative.label})`).join('; ');
  if (!io.interactive) {
    return {
      refusal: {
        reason: `step '${stepLabel(step)}' holds ${alternatives.length} alternatives (${listed}) and nobody is here to choose one`,
        hint: alternativesHint(alternatives, riskyCommandCount(step, alternatives)),
      },
    };
  }
  const choice = await io.chooseAlternative({ step, alternatives, riskyCommands: riskyCommandCount(step, alternatives) });
  if (choice === 'all') return { commands: undefined };
  const alternative = choice === undefined ? undefined : alternatives[choice];
  if (alternative === undefined) return { refusal: { reason: `no alternative of step '${stepLabel(step)}' was chosen` } };
  return { commands: alternative.commands.map(commandIndex) };
}

function preflightRefusal(prepared: PreparedStep, session: RunSession, io: SessionIO): Refusal | undefined {
  if (prepared.refusal) return { prepared, ...prepared.refusal };
  const unapprovable = approvalPreflight(prepared, session);
  if (unapprovable) return { prepared, ...unapprovable };
  if (prepared.kind === 'job' && prepared.commands !== undefined) {
    return { prepared, reason: `step '${stepLabel(prepared.step)}' runs as a Kubernetes Job, whole: its commands cannot be chosen` };
  }
  const reason = session.options.yes === true ? undefined : confirmationReason(prepared);
  if (reason !== undefined && !io.interactive) {
    return { prepared, reason: `${reason}; no terminal to confirm on`, hint: 'pass --yes to run it unattended' };
  }
  return undefined;
}

function confirmationRequest(prepared: PreparedStep, reason: string, session: RunSession) {
  const { plan, guard } = prepared;
  const context = guard?.expected ?? guard?.actual ?? plan.target.kubernetes?.context;
  const namespace = guard?.expectedNamespace ?? guard?.actualNamespace ?? plan.target.kubernetes?.namespace;
  const reaches = guard !== undefined && guard.code !== 'no-cluster';
  return {
    step: prepared.step,
    plan,
    risk: plan.risk,
    commands: plan.commands.map((command) => commandNumber(command.index)),
    reason,
    ...(reaches ? { kubernetes: { ...(context === undefined ? {} : { context }), ...(namespace === undefined ? {} : { namespace }) } } : {}),
    text: renderPlan(plan),
    prepared,
    values: session.values,
  };
}

async function refuse(report: RunReport, refusal: Refusal, session: RunSession, io: SessionIO): Promise<RunReport> {
  const { prepared, reason, hint } = refusal;
  await session.journal.refused(prepared.step, runFields(prepared), reason);
  const message = `${stepLabel(prepared.step)} refused: ${reason}${hint === undefined ? '' : `; ${hint}`}`;
  const stepReport: StepReport = { ...reportBase(prepared), status: 'refused', message };
  report.steps.push(stepReport);
  io.onStepEnd?.(stepReport);
  report.exitCode = RunExit.refused;
  return report;
}

function interruptedBeforeStart(report: RunReport, prepared: PreparedStep, io: SessionIO): RunReport {
  const stepReport: StepReport = {
    ...reportBase(prepared),
    status: 'interrupted',
    message: `${stepLabel(prepared.step)} was not started: ${abortReason(io.signal)}`,
  };
  report.steps.push(stepReport);
  io.onStepEnd?.(stepReport);
  report.exitCode = RunExit.interrupted;
  return report;
}

async function runOne(prepared: PreparedStep, session: RunSession, io: SessionIO): Promise<StepReport> {
  const { step, guard } = prepared;
  const fields = runFields(prepared);
  if (guard?.override && guard.override.declared !== guard.override.context && guard.code !== 'no-cluster') {
    const declared = guard.override.declared === undefined ? 'no declared context' : `the declared '${guard.override.declared}'`;
    await session.journal.note(
      `Kube context override for step '${stepLabel(step)}': ran against '${guard.override.context}' instead of ${declared} (--context)`,
    );
  }
  if (prepared.pins) await session.pin(prepared.pins, step);
  const log = await session.journal.logFile(step, new Date());
  await session.journal.started(step, fields, log?.recorded);
  io.onStepStart?.(prepared);
  let outcome: StepRunOutcome;
  try {
    outcome = await withPinnedKubeconfig(guard, session.env, (env) =>
      executeStep(prepared, {
        ground: { runbook: session.runbook, dir: session.dir, env },
        values: session.values,
        ...(log === undefined ? {} : { logFile: log.path }),
        ...(session.options.timeoutMs === undefined ? {} : { timeoutMs: session.options.timeoutMs }),
        ...(session.options.logLimit === undefined ? {} : { logLimit: session.options.logLimit }),
        signal: io.signal,
        onOutput: (stream, text) => io.onOutput?.(stream, text),
        onProgress: (message) => io.onProgress?.(message),
        onStarted: (pid) => io.onStepProcess?.(pid),
        ...(io.terminal === undefined ? {} : { terminal: io.terminal }),
      }),
    );
  } catch (error) {
    // The journal must not keep a step "running" forever.
    const interrupted = io.signal.aborted ? { interrupted: abortReason(io.signal) } : {};
    await session.journal.finished(step, fields, { durationMs: 0, timedOut: false, isCanceled: io.signal.aborted, ...interrupted }, log?.recorded);
    throw error;
  }
  const interrupted = outcome.isCanceled && io.signal.aborted ? abortReason(io.signal) : undefined;
  await session.journal.finished(step, fields, { ...outcome, ...(interrupted === undefined ? {} : { interrupted }) }, log?.recorded);
  session.keepExports(outcome.exported);
  await session.journal.exports(session.values.addExports(outcome.exported));
  for (const dropped of outcome.droppedExports ?? []) {
    await session.journal.note(`Step '${stepLabel(step)}' exported ${dropped.name}, ${dropped.reason}`);
  }
  const status = interrupted !== undefined ? 'interrupted' : outcome.refused !== undefined ? 'refused' : outcome.failed ? 'failed' : 'succeeded';
  return {
    ...reportBase(prepared),
    status,
    ...(outcome.exitCode === undefined ? {} : { exitCode: outcome.exitCode }),
    ...(outcome.signal === undefined ? {} : { signal: outcome.signal }),
    durationMs: outcome.durationMs,
    timedOut: outcome.timedOut,
    canceled: outcome.isCanceled,
    ...(interrupted === undefined ? {} : { interrupted }),
    ...(outcome.failedCommands === undefined ? {} : { failedCommands: outcome.failedCommands }),
    ...(log === undefined ? {} : { logFile: log.path }),
    ...(outcome.logTruncatedAt === undefined ? {} : { logTruncatedAt: outcome.logTruncatedAt }),
    ...(outcome.logIncomplete === undefined ? {} : { logIncomplete: outcome.logIncomplete }),
    message: outcome.shortMessage,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
  };
}

/** What the front-end said ended the run (`SIGTERM`, `Ctrl-C`), from the abort's reason. */
function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (typeof reason === 'string') return reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason.message;
  return 'canceled';
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
    ...(plan.selected ? { commands: plan.commands.map((command) => commandNumber(command.index)) } : {}),
  };
}
