import type { ContextGuardResult } from '../kubernetes/guard/context-guard.ts';
import { findClusterInvocations } from '../kubernetes/guard/cluster-invocations.ts';
import type { KubernetesTarget } from './kube-target.ts';
import type { PlannedCommand } from './step-plan.ts';

/** Where a cluster command really lands. */
export interface CommandTarget {
  context?: string;
  /** `*` for every namespace; absent for cluster-scoped commands. */
  namespace?: string;
}

/**
 * The context and namespace one command reaches: as the context guard
 * resolved them when it ran, else from the command's own `--context` and
 * `-n`/`--namespace`, else the step's target (attribute, option, pinned
 * kubeconfig) and `default`. Undefined for commands that reach no cluster.
 */
export function commandTarget(
  command: Pick<PlannedCommand, 'index' | 'text'>,
  stepTarget: KubernetesTarget | undefined,
  guard?: Pick<ContextGuardResult, 'targets'>,
): CommandTarget | undefined {
  const written = fromFlags(command.text, stepTarget);
  const resolved = guard?.targets.find((target) => target.commandIndex === command.index && target.program !== 'export');
  if (resolved === undefined) return written;
  // The guard may not know (no kubeconfig): what the command itself says still holds.
  const namespace = resolved.namespaceSource === 'cluster-scoped' ? undefined : (resolved.namespace ?? written?.namespace);
  return compact(resolved.context ?? written?.context, namespace);
}

function fromFlags(text: string, stepTarget: KubernetesTarget | undefined): CommandTarget | undefined {
  const invocation = findClusterInvocations(text).find((found) => found.program !== 'export');
  if (invocation === undefined) return undefined;
  const context = invocation.context?.raw ?? stepTarget?.context;
  if (invocation.clusterScoped) return compact(context, undefined);
  const namespace = invocation.allNamespaces ? '*' : (invocation.namespace?.raw ?? stepTarget?.namespace ?? 'default');
  return compact(context, namespace);
}

/** `prod-eu/smartcloudops`, `prod-eu/(all namespaces)`, `(unknown context)/default`. */
export function describeTarget(target: CommandTarget): string {
  const context = target.context ?? '(unknown context)';
  if (target.namespace === undefined) return context;
  return `${context}/${target.namespace === '*' ? '(all namespaces)' : target.namespace}`;
}

function compact(context: string | undefined, namespace: string | undefined): CommandTarget {
  return { ...(context === undefined ? {} : { context }), ...(namespace === undefined ? {} : { namespace }) };
}
