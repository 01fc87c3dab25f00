import type { ContextGuardResult } from '../kubernetes/guard/context-guard.ts';
import type { Runbook, Step } from '../model.ts';
import { planStep, type CommandSelector, type PlanStepOptions, type StepPlan } from '../run/index.ts';
import { stepKind, stepLabel, type StepKind } from './step-kind.ts';
import type { StepValues } from './step-values.ts';
import { contextRefusalHint } from '../cli/steps/describe-step.ts';

/**
 * The guard's verdict with what newer guards add: `pin`, a kubeconfig the
 * step must run with; `usedContext`, the context a step of a runbook that
 * declares none would use (the incident pins it).
 */
export type GuardVerdict = ContextGuardResult & {
  pin?: { context: string; namespace?: string; server: string };
  usedContext?: string;
  /** A context is expected but the step reads as using none and none could be pinned: it runs with a kubeconfig that reaches no cluster. */
  isolated?: true;
};

/** A chosen step with everything decided before anything runs. */
export interface PreparedStep {
  step: Step;
  kind: StepKind;
  /** Selectors of the commands to run; absent: the whole block. */
  commands?: CommandSelector[];
  plan: StepPlan;
  /** The Kubernetes context guard's verdict, for steps that reach a cluster. */
  guard?: GuardVerdict;
  /** Why the session will not run it whatever the answers (the guard said no, or cannot tell). */
  refusal?: { reason: string; hint?: string };
  /** The context this run would pin the incident to (the runbook declares none, nothing is pinned yet). */
  pins?: { context: string; namespace?: string };
}

/** The runbook and defaults every step of a session shares. */
export interface StepGround {
  runbook: Pick<Runbook, 'meta'>;
  dir: string;
  env: NodeJS.ProcessEnv;
}

export interface PrepareOptions extends StepGround {
  values: StepValues;
  /** The context accepted for this run instead of the declared one (`--context`). */
  contextOverride?: string;
  /** The incident's pinned context, guarded against when the runbook declares none. */
  pinnedContext?: { context: string; namespace?: string };
  /** Why no cluster step may run (the frontmatter's kubernetes part cannot be read). */
  clusterBlocked?: string;
  commands?: CommandSelector[];
}

/** Options every `planStep`/`runStep` call shares: the runbook's defaults and the values. */
export function stepOptions(ground: StepGround, values: StepValues): PlanStepOptions {
  const { meta } = ground.runbook;
  return {
    runbookDir: ground.dir,
    ...(meta.cwd === undefined ? {} : { cwd: meta.cwd }),
    ...(meta.shell === undefined ? {} : { shell: meta.shell }),
    env: ground.env,
    extendEnv: false,
    variables: values.variables(),
    exported: values.exported(),
    incident: values.incident(),
  };
}

export async function prepareStep(step: Step, options: PrepareOptions): Promise<PreparedStep> {
  const base = stepOptions(options, options.values);
  const plan = planStep(step, { ...base, ...(options.commands === undefined ? {} : { commands: options.commands }) });
  const kind = stepKind(step);
  const prepared: PreparedStep = { step, kind, plan, ...(options.commands === undefined ? {} : { commands: options.commands }) };
  // Every step: what the text does not show (a script it writes, a python
  // client) is what the guard's pinned kubeconfig is for.
  const { checkStepContext } = await import('../kubernetes/guard/context-guard.ts');
  const env: NodeJS.ProcessEnv = { ...options.env, ...base.variables, ...base.exported, ...base.incident };
  const guardOptions = {
    meta: options.runbook.meta,
    env,
    cwd: plan.target.cwd,
    ...(options.contextOverride === undefined ? {} : { override: options.contextOverride }),
    ...(options.pinnedContext === undefined ? {} : { pinnedContext: options.pinnedContext.context }),
  };
  const guard: GuardVerdict = await checkStepContext(selectedPart(step, plan), guardOptions);
  prepared.guard = guard;
  const label = stepLabel(step);
  if (guard.code === 'no-cluster') {
    const expected = options.contextOverride ?? step.options.context ?? options.runbook.meta.kubernetes?.context ?? options.pinnedContext?.context;
    if (guard.pin === undefined && expected !== undefined) guard.isolated = true;
    return prepared;
  }
  if (options.clusterBlocked !== undefined) {
    prepared.refusal = { reason: `step '${label}' reaches a cluster, but ${options.clusterBlocked}`, hint: 'fix the frontmatter first' };
    return prepared;
  }
  if (!guard.allowed) {
    const declared = step.options.context ?? options.runbook.meta.kubernetes?.context;
    const fromPin =
      declared === undefined && options.contextOverride === undefined && options.pinnedContext !== undefined
        ? ` (the incident is pinned to '${options.pinnedContext.context}', the context its first cluster step used)`
        : '';
    const hint = guard.hint;
    prepared.refusal = { reason: `context guard: ${guard.reason}${fromPin}`, ...(hint === undefined ? guardHint(guard) : { hint }) };
    return prepared;
  }
  if (guard.code !== 'not-declared') return prepared;
  // The runbook declares no context: the incident's pin is the expected one, or this step sets it.
  const pinned = options.pinnedContext;
  const used = guard.usedContext ?? commonContext(guard);
  if (used === undefined) {
    const problem = guard.targets.find((target) => target.problem)?.problem?.reason ?? 'its commands do not all reach one known context';
    prepared.refusal = { reason: `context guard: step '${label}' declares no kube context and which one it would use cannot be told: ${problem}` };
  } else if (pinned !== undefined && used !== pinned.context) {
    prepared.refusal = {
      reason: `context guard: step '${label}' would run against '${used}', but this incident is pinned to context '${pinned.context}' (the context its first cluster step used)`,
      ...guardHint({ code: 'context-mismatch', expected: pinned.context, actual: used }),
    };
  } else if (pinned === undefined) {
    prepared.pins = { context: used };
  }
  return prepared;
}

// The fix first (switch the kubeconfig, give -n), the override (--context) last.
function guardHint(guard: Parameters<typeof contextRefusalHint>[0]): { hint?: string } {
  const hint = contextRefusalHint(guard);
  return hint === undefined ? {} : { hint };
}

/** The one context every cluster command would reach, when they agree and it is known. */
function commonContext(guard: ContextGuardResult): string | undefined {
  const contexts = new Set(guard.targets.map((target) => (target.problem ? undefined : target.context)));
  if (contexts.size !== 1) return undefined;
  return [...contexts][0];
}

// With chosen commands, only their targets matter.
function selectedPart(step: Step, plan: StepPlan): Step {
  if (!plan.selected) return step;
  const chosen = new Set(plan.commands.map((command) => command.index));
  return { ...step, commands: step.commands.filter((command) => chosen.has(command.index)), code: plan.code };
}
