import type * as ClientNode from '@kubernetes/client-node';
import type { KubernetesClient } from '../kubernetes-client.ts';
import { describeKubernetesFailure } from '../kubernetes-failure.ts';
import { failedCheck } from './failed-check.ts';
import type { ContainerHealth, PodProblem, PodsCheck } from './health-report.ts';
import { isoTime } from './iso-time.ts';

/**
 * `kubectl get pods --all-namespaces | grep -v Running`, done right: pods
 * that are not Running with every container ready, with the reason and the
 * restarts. Falls back to `namespace` when listing every namespace is forbidden.
 */
export async function checkPods(client: KubernetesClient, namespace: string): Promise<PodsCheck> {
  let list: ClientNode.V1PodList;
  let scope: PodsCheck['scope'] = 'all-namespaces';
  let note: string | undefined;
  try {
    list = await client.core.listPodForAllNamespaces();
  } catch (error) {
    const failure = describeKubernetesFailure(error, 'list pods in all namespaces', client.server);
    if (failure.code !== 'forbidden') return { ...failedCheck(failure), scope, total: 0, problems: [] };
    scope = 'namespace';
    note = `listing every namespace is forbidden; checked ${namespace} only`;
    try {
      list = await client.core.listNamespacedPod({ namespace });
    } catch (inner) {
      return { ...failedCheck(describeKubernetesFailure(inner, `list pods in ${namespace}`, client.server)), scope, namespace, total: 0, problems: [] };
    }
  }
  const problems = list.items.map(findPodProblem).filter((problem): problem is PodProblem => problem !== undefined);
  problems.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  const check: PodsCheck = { status: problems.length > 0 ? 'problem' : 'ok', scope, total: list.items.length, problems };
  if (scope === 'namespace') check.namespace = namespace;
  const summary = problems.length > 0 ? `${problems.length} of ${list.items.length} pods not running and ready` : undefined;
  const reason = [summary, note].filter(Boolean).join('; ');
  if (reason !== '') check.reason = reason;
  if (check.status === 'ok' && note) check.status = 'warning';
  return check;
}

/** Undefined for a pod that is fine: Running with every container ready, or Succeeded. */
export function findPodProblem(pod: ClientNode.V1Pod): PodProblem | undefined {
  const status = pod.status ?? {};
  const phase = status.phase ?? 'Unknown';
  if (phase === 'Succeeded') return undefined;
  const containers = (status.containerStatuses ?? []).map(describeContainer);
  const declared = pod.spec?.containers.length ?? containers.length;
  const readyCount = containers.filter((container) => container.ready).length;
  const terminating = pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  if (phase === 'Running' && readyCount === declared && declared > 0 && !terminating) return undefined;
  const init = (status.initContainerStatuses ?? []).map(describeContainer);
  const restarts = [...containers, ...init].reduce((sum, container) => sum + container.restarts, 0);
  const problem: PodProblem = {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    phase,
    ready: `${readyCount}/${declared}`,
    reason: terminating ? 'Terminating' : podReason(status, containers, init),
    restarts,
    containers,
  };
  const message = status.message ?? status.conditions?.find((condition) => condition.status === 'False' && condition.message)?.message;
  if (message) problem.message = message;
  if (pod.spec?.nodeName) problem.node = pod.spec.nodeName;
  const createdAt = isoTime(pod.metadata?.creationTimestamp);
  if (createdAt) problem.createdAt = createdAt;
  return problem;
}

function describeContainer(status: ClientNode.V1ContainerStatus): ContainerHealth {
  const health: ContainerHealth = { name: status.name, ready: status.ready, restarts: status.restartCount, state: 'unknown' };
  const { waiting, running, terminated } = status.state ?? {};
  if (waiting) {
    health.state = 'waiting';
    if (waiting.reason) health.reason = waiting.reason;
  } else if (terminated) {
    health.state = 'terminated';
    health.exitCode = terminated.exitCode;
    if (terminated.reason) health.reason = terminated.reason;
  } else if (running) {
    health.state = 'running';
  }
  return health;
}

/** The reason kubectl's STATUS column would show. */
function podReason(status: ClientNode.V1PodStatus, containers: ContainerHealth[], init: ContainerHealth[]): string {
  if (status.reason) return status.reason;
  const initTrouble = init.find((container) => container.state !== 'running' && !(container.state === 'terminated' && container.exitCode === 0));
  if (initTrouble?.reason) return `Init:${initTrouble.reason}`;
  const waiting = containers.find((container) => container.state === 'waiting' && container.reason);
  if (waiting?.reason) return waiting.reason;
  const terminated = containers.find((container) => container.state === 'terminated' && container.reason);
  if (terminated?.reason) return terminated.reason;
  const unscheduled = status.conditions?.find((condition) => condition.type === 'PodScheduled' && condition.status === 'False');
  if (unscheduled?.reason) return unscheduled.reason;
  if (status.phase === 'Running') return 'NotReady';
  return status.phase ?? 'Unknown';
}
