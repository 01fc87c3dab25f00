import type { Step } from '../../model.ts';
import { resolveStepTargets, type KubeCommandTarget, type StepTargetOptions, type TargetProblemCode } from './step-targets.ts';

export interface ContextGuardOptions extends StepTargetOptions {
  /**
   * A context the user explicitly accepts for this run (`runbook run --context`),
   * replacing the declared one. The guard still refuses when the commands
   * would hit anything else; the result records the override for the journal.
   */
  override?: string;
}

export type ContextGuardCode =
  /** Every cluster command targets the expected context (and namespace). */
  | 'allowed'
  /** No command talks to a cluster. */
  | 'no-cluster'
  /** Neither the step nor the runbook declares a context: nothing to guard. */
  | 'not-declared'
  | 'context-mismatch'
  | 'namespace-mismatch'
  | TargetProblemCode;

/** The guard's verdict as plain data, ready for a refusal message and the journal. */
export interface ContextGuardResult {
  allowed: boolean;
  code: ContextGuardCode;
  /** The context the step must hit: the override, else the step's `context=`, else the runbook's. */
  expected?: string;
  /** The context the (first offending) command would hit, when known. */
  actual?: string;
  expectedNamespace?: string;
  actualNamespace?: string;
  /** One sentence naming the step, the command, expected and actual. */
  reason: string;
  /** Present when `override` was given. */
  override?: { context: string; declared?: string };
  /** Every cluster command with its target, for plans and confirmations. */
  targets: KubeCommandTarget[];
}

/**
 * Decides whether a step may run against the cluster its commands would hit.
 * Refuses when a kubectl/helm/oc command (or an API step) would reach another
 * context than the declared one, when that context cannot be read or known
 * before running, or when a command without `-n` would fall into another
 * namespace than the declared one. Never throws for bad kubeconfigs: the
 * reason says what is wrong.
 */
export async function checkStepContext(step: Step, options: ContextGuardOptions = {}): Promise<ContextGuardResult> {
  const plan = await resolveStepTargets(step, options);
  const declared = plan.expected.context;
  const expected = options.override ?? declared;
  const base: Omit<ContextGuardResult, 'allowed' | 'code' | 'reason'> = { targets: plan.targets };
  if (expected !== undefined) base.expected = expected;
  if (plan.expected.namespace !== undefined) base.expectedNamespace = plan.expected.namespace;
  if (options.override !== undefined) base.override = declared === undefined ? { context: options.override } : { context: options.override, declared };
  const label = stepLabel(step);

  if (!plan.usesCluster) return { ...base, allowed: true, code: 'no-cluster', reason: `${label} does not use a Kubernetes cluster` };
  const first = plan.targets[0]!;
  withActual(base, first);
  if (expected === undefined) {
    return {
      ...base,
      allowed: true,
      code: 'not-declared',
      reason: `${label} declares no kube context (set context= on the step or kubernetes.context in the frontmatter)`,
    };
  }

  for (const target of plan.targets) {
    const command = describeCommand(target);
    if (target.problem && target.problem.code !== 'context-missing') {
      return {
        ...withActual({ ...base }, target),
        allowed: false,
        code: target.problem.code,
        reason: `${label} expects context '${expected}', but ${command}: ${target.problem.reason}`,
      };
    }
    if (target.context !== expected) {
      return {
        ...withActual({ ...base }, target),
        allowed: false,
        code: 'context-mismatch',
        reason: `${label} expects context '${expected}' but ${command} would run against '${target.context}' (${describeContextSource(target)})`,
      };
    }
    if (target.problem) {
      return {
        ...withActual({ ...base }, target),
        allowed: false,
        code: 'context-missing',
        reason: `${label} expects context '${expected}', but ${target.problem.reason}`,
      };
    }
    const namespace = plan.expected.namespace;
    const implicit = target.namespaceSource === 'context' || target.namespaceSource === 'default' || target.namespaceSource === 'switched';
    if (namespace !== undefined && implicit && target.namespace !== namespace) {
      return {
        ...withActual({ ...base }, target),
        allowed: false,
        code: 'namespace-mismatch',
        reason: `${label} expects namespace '${namespace}' but ${command} has no -n and would use '${target.namespace}' (${target.namespaceSource === 'switched' ? 'switched earlier in the step' : `the namespace of context '${target.context}'`})`,
      };
    }
  }
  const count = plan.targets.length;
  const overridden =
    base.override && base.override.declared !== undefined && base.override.declared !== expected
      ? ` (override of the declared '${base.override.declared}')`
      : '';
  return {
    ...base,
    allowed: true,
    code: 'allowed',
    reason: `${label}: ${count === 1 ? 'its cluster command targets' : `all ${count} cluster commands target`} context '${expected}'${overridden}`,
  };
}

function withActual<T extends { actual?: string; actualNamespace?: string }>(result: T, target: KubeCommandTarget): T {
  if (target.context !== undefined) result.actual = target.context;
  else delete result.actual;
  if (target.namespace !== undefined) result.actualNamespace = target.namespace;
  else delete result.actualNamespace;
  return result;
}

function stepLabel(step: Step): string {
  return `step '${step.name ?? step.id}'`;
}

function describeCommand(target: KubeCommandTarget): string {
  if (target.program === 'api') return `the ${target.text} step`;
  const [first = ''] = target.text.split('\n');
  const text = first.length > 80 ? `${first.slice(0, 79)}…` : first;
  return `\`${text}\`${target.commandIndex === undefined ? '' : ` (command ${target.commandIndex + 1})`}`;
}

function describeContextSource(target: KubeCommandTarget): string {
  const files = target.kubeconfigFiles.join(', ');
  switch (target.contextSource) {
    case 'flag':
      return 'its context flag';
    case 'environment':
      return 'HELM_KUBECONTEXT';
    case 'switched':
      return 'switched earlier in the step';
    default:
      return `current context of ${files}`;
  }
}
