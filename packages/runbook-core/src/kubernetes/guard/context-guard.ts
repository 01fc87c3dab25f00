import type { RunbookMeta, Step } from '../../model.ts';
import { loadShellGrammar } from '../../shell/grammar.ts';
import { readCurrentKubeContext } from '../current-context.ts';
import type { KubeconfigSource } from '../kubeconfig.ts';
import { acceptsPinnedKubeconfig } from './guard-attribute.ts';
import { refusalHint } from './refusal-hint.ts';
import { resolveStepTargets, type KubeCommandTarget, type LookedUpContext, type StepTargetOptions, type TargetProblemCode } from './step-targets.ts';

export interface ContextGuardOptions extends Omit<StepTargetOptions, 'lookUpContext' | 'meta'> {
  /** The runbook's frontmatter: `kubernetes: {context, namespace, guard}`. */
  meta?: Pick<RunbookMeta, 'kubernetes'> & Partial<Pick<RunbookMeta, 'raw'>>;
  /**
   * A context the user explicitly accepts for this run (`runbook run --context`),
   * replacing the declared one. The guard still refuses when the commands
   * would hit anything else; the result records the override for the journal.
   */
  override?: string;
  /**
   * The context the incident is pinned to (its first cluster step's, or
   * `incident start --context`): the expected one when the runbook declares none.
   */
  pinnedContext?: string;
}

export type ContextGuardCode =
  /** Every cluster command targets the expected cluster (and namespace). */
  | 'allowed'
  /** No command talks to a cluster. */
  | 'no-cluster'
  /** Nothing declares a context and the incident has none pinned yet: allowed, `usedContext` is the one to pin. */
  | 'not-declared'
  | 'context-mismatch'
  | 'namespace-mismatch'
  /** Something may reach a cluster in a way only known at run time; see `reason`. */
  | 'unreadable'
  | TargetProblemCode;

/** The kubeconfig a step must run with: only this context, its cluster and user. */
export interface PinnedContext {
  context: string;
  namespace?: string;
  /** The API server the context's cluster points at. */
  server: string;
}

/** The guard's verdict as plain data, ready for a refusal message and the journal. */
export interface ContextGuardResult {
  allowed: boolean;
  code: ContextGuardCode;
  /** The context the step must hit: the override, else the step's `context=`, else the runbook's, else the incident's pinned one. */
  expected?: string;
  /** The context the (first offending) command would hit, when known. */
  actual?: string;
  expectedNamespace?: string;
  actualNamespace?: string;
  /** One sentence naming the step, the command, expected and actual. */
  reason: string;
  /** For a refusal: the fix first (`kubectl config use-context prod`), the override last. */
  hint?: string;
  /** Present when `override` was given. */
  override?: { context: string; declared?: string };
  /**
   * The step may use a cluster: run it with `KUBECONFIG` set to a kubeconfig
   * holding only this context (see `writePinnedKubeconfig`), so no client in
   * it can pick another context by name.
   */
  pin?: PinnedContext;
  /** The context the step's cluster commands use, for the incident to pin when nothing is declared. */
  usedContext?: string;
  /** The step or runbook says `guard=pinned`: what the guard cannot read is left to the pinned kubeconfig. */
  acceptedUnreadable?: string[];
  /** Every cluster command with its target, for plans and confirmations. */
  targets: KubeCommandTarget[];
}

/**
 * Decides whether a step may run against the cluster its commands would hit.
 * A context is the expected one when its name and its cluster's API server
 * both match: a context of the declared name that a command's kubeconfig
 * points at another server is refused. Refuses when a cluster client (or an
 * API step) would reach another context, when a context or kubeconfig cannot be read or known
 * before running, when a command without `-n` would fall into another
 * namespace than the declared one, and when the step may reach a cluster in a
 * way that cannot be read (`$k get pods`, `eval "$X"`, `curl … | bash`),
 * unless the step or runbook says `guard=pinned`. Never throws for bad
 * kubeconfigs: the reason says what is wrong.
 */
export async function checkStepContext(step: Step, options: ContextGuardOptions = {}): Promise<ContextGuardResult> {
  await loadShellGrammar();
  const declared = step.options.context ?? options.meta?.kubernetes?.context;
  const expected = options.override ?? declared ?? options.pinnedContext;
  const plan = await resolveStepTargets(step, { ...options, ...(expected === undefined ? {} : { lookUpContext: expected }) });
  const base: Omit<ContextGuardResult, 'allowed' | 'code' | 'reason'> = { targets: plan.targets };
  if (expected !== undefined) base.expected = expected;
  if (plan.expected.namespace !== undefined) base.expectedNamespace = plan.expected.namespace;
  if (options.override !== undefined) base.override = declared === undefined ? { context: options.override } : { context: options.override, declared };
  const label = `step '${step.name ?? step.id}'`;
  const lookedUp = plan.lookedUp;
  // Steps that run scripts or programs the guard cannot see into still get the pinned kubeconfig.
  const pin = lookedUp?.ok ? pinOf(lookedUp, plan.expected.namespace) : undefined;
  if (pin) {
    base.pin = pin;
    base.usedContext = pin.context;
  }

  if (!plan.usesCluster) return { ...base, allowed: true, code: 'no-cluster', reason: `${label} does not use a Kubernetes cluster` };

  if (plan.unreadable.length > 0) {
    const first = plan.unreadable[0]!;
    const where = `line ${first.line}${first.commandIndex === undefined ? '' : `, command ${first.commandIndex + 1}`}`;
    if (!acceptsPinnedKubeconfig(step, options.meta)) {
      return {
        ...base,
        allowed: false,
        code: 'unreadable',
        reason: `${label}: the guard cannot tell which cluster it reaches: ${first.reason} (${where})`,
        hint: refusalHint({ code: 'unreadable', expected }),
      };
    }
    base.acceptedUnreadable = plan.unreadable.map((use) => `${use.reason} (line ${use.line})`);
    if (expected === undefined && plan.targets.length === 0) return pinnedToCurrent(base, label, options);
  }

  if (plan.targets.length === 0) {
    // Only unreadable use, accepted with guard=pinned: the pin is what holds it.
    if (lookedUp && !lookedUp.ok) return refuseLookUp(base, label, lookedUp, expected!);
    return { ...base, allowed: true, code: 'allowed', reason: `${label} runs with a kubeconfig pinned to context '${expected}' (guard=pinned)` };
  }

  withActual(base, plan.targets[0]!);
  if (expected === undefined) return undeclared(base, label, plan.targets, plan.expected.namespace);

  for (const target of plan.targets) {
    const command = describeCommand(target);
    if (target.problem && target.problem.code !== 'context-missing') {
      return {
        ...withActual({ ...base }, target),
        allowed: false,
        code: target.problem.code,
        reason: `${label} expects context '${expected}', but ${command}: ${target.problem.reason}`,
        hint: refusalHint({ code: target.problem.code, expected, target }),
      };
    }
    if (lookedUp && !lookedUp.ok) return refuseLookUp({ ...withActual({ ...base }, target) }, label, lookedUp, expected);
    const expectedServer = lookedUp?.ok ? lookedUp.server : undefined;
    // The pinned kubeconfig holds the expected context alone: another name fails there even on the same server.
    if (target.context !== expected) {
      const on = target.server === undefined ? '' : ` at ${target.server}`;
      return {
        ...withActual({ ...base }, target),
        allowed: false,
        code: 'context-mismatch',
        reason: `${label} expects context '${expected}' but ${command} would run against '${target.context}' (${describeContextSource(target)})${on}`,
        hint: refusalHint({ code: 'context-mismatch', expected, target }),
      };
    }
    if (target.problem) {
      return {
        ...withActual({ ...base }, target),
        allowed: false,
        code: 'context-missing',
        reason: `${label} expects context '${expected}', but ${target.problem.reason}`,
        hint: refusalHint({ code: 'context-missing', expected, target }),
      };
    }
    if (target.server !== expectedServer) {
      // Same name, another cluster: a kubeconfig the command chose defines the name differently.
      return {
        ...withActual({ ...base }, target),
        allowed: false,
        code: 'context-mismatch',
        reason: `${label} expects context '${expected}' on ${expectedServer}, but ${command} would reach ${target.server} through a context of the same name in ${target.kubeconfigFiles.join(', ')}`,
        hint: refusalHint({ code: 'context-mismatch', expected, target }),
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
        hint: refusalHint({ code: 'namespace-mismatch', expected, namespace, target }),
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

/** Nothing expected: every command must be readable and reach one cluster, which the incident then pins. */
function undeclared(
  base: Omit<ContextGuardResult, 'allowed' | 'code' | 'reason'>,
  label: string,
  targets: KubeCommandTarget[],
  namespace: string | undefined,
): ContextGuardResult {
  const first = targets[0]!;
  for (const target of targets) {
    if (target.problem) {
      return {
        ...withActual({ ...base }, target),
        allowed: false,
        code: target.problem.code,
        reason: `${label} declares no context, and ${describeCommand(target)}: ${target.problem.reason}`,
        hint: refusalHint({ code: target.problem.code, target }),
      };
    }
    if (target.context !== first.context || target.server !== first.server) {
      return {
        ...withActual({ ...base }, target),
        allowed: false,
        code: 'context-mismatch',
        reason: `${label} reaches two clusters: '${first.context}' (${first.server}) and, in ${describeCommand(target)}, '${target.context}' (${target.server})`,
        hint: refusalHint({ code: 'context-mismatch', expected: first.context, target }),
      };
    }
  }
  const pin: PinnedContext = { context: first.context!, server: first.server! };
  if (namespace !== undefined) pin.namespace = namespace;
  return {
    ...base,
    allowed: true,
    code: 'not-declared',
    pin,
    usedContext: first.context!,
    reason: `${label} declares no kube context (set context= on the step or kubernetes.context in the frontmatter); it uses '${first.context}', which the incident pins`,
  };
}

/** guard=pinned with nothing expected and no command to read: pin what kubectl would use now, for the incident to keep. */
async function pinnedToCurrent(
  base: Omit<ContextGuardResult, 'allowed' | 'code' | 'reason'>,
  label: string,
  options: ContextGuardOptions,
): Promise<ContextGuardResult> {
  const source: KubeconfigSource & { context?: string } = { env: options.env ?? process.env };
  if (options.kubeconfig !== undefined) source.kubeconfig = options.kubeconfig;
  if (options.cwd !== undefined) source.cwd = options.cwd;
  const current = await readCurrentKubeContext(source);
  if (!current.ok) {
    if (current.problem.code === 'kubeconfig-not-found') {
      return { ...base, allowed: true, code: 'not-declared', reason: `${label} relies on guard=pinned, and there is no kubeconfig to reach a cluster with` };
    }
    return {
      ...base,
      allowed: false,
      code: current.problem.code,
      reason: `${label} relies on guard=pinned, but the current context cannot be pinned: ${current.problem.reason}`,
      hint: refusalHint({ code: current.problem.code }),
    };
  }
  const { context, server } = current.current;
  if (server === undefined || server === '') {
    return {
      ...base,
      allowed: false,
      code: 'context-missing',
      reason: `${label} relies on guard=pinned, but context '${context}' names no cluster server`,
      hint: refusalHint({ code: 'context-missing', expected: context }),
    };
  }
  const pin: PinnedContext = { context, server };
  if (base.expectedNamespace !== undefined) pin.namespace = base.expectedNamespace;
  return {
    ...base,
    allowed: true,
    code: 'not-declared',
    pin,
    usedContext: context,
    reason: `${label} declares no kube context and relies on guard=pinned: it runs pinned to the current context '${context}', which the incident pins`,
  };
}

function refuseLookUp(
  base: Omit<ContextGuardResult, 'allowed' | 'code' | 'reason'>,
  label: string,
  lookedUp: Extract<LookedUpContext, { ok: false }>,
  expected: string,
): ContextGuardResult {
  return {
    ...base,
    allowed: false,
    code: lookedUp.problem.code,
    reason: `${label} expects context '${expected}', but ${lookedUp.problem.reason}`,
    hint: refusalHint({ code: lookedUp.problem.code, expected }),
  };
}

function pinOf(lookedUp: Extract<LookedUpContext, { ok: true }>, namespace: string | undefined): PinnedContext {
  const pin: PinnedContext = { context: lookedUp.context, server: lookedUp.server };
  if (namespace !== undefined) pin.namespace = namespace;
  return pin;
}

function withActual<T extends { actual?: string; actualNamespace?: string }>(result: T, target: KubeCommandTarget): T {
  if (target.context !== undefined) result.actual = target.context;
  else delete result.actual;
  if (target.namespace !== undefined) result.actualNamespace = target.namespace;
  else delete result.actualNamespace;
  return result;
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
