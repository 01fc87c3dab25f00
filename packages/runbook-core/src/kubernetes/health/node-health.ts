import type * as ClientNode from '@kubernetes/client-node';
import type { KubernetesClient } from '../kubernetes-client.ts';
import { describeKubernetesFailure } from '../kubernetes-failure.ts';
import { failedCheck } from './failed-check.ts';
import type { NodeCondition, NodeHealth, NodesCheck } from './health-report.ts';
import { isoTime } from './iso-time.ts';
import { cpuMillicores, memoryBytes } from './quantity.ts';

/** Conditions that mean trouble when True (Ready means trouble when not True). */
const troubleWhenTrue = new Set(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable']);

/** `kubectl get nodes`: every node with its readiness and what is wrong with it. */
export async function checkNodes(client: KubernetesClient): Promise<NodesCheck> {
  let list: ClientNode.V1NodeList;
  try {
    list = await client.core.listNode();
  } catch (error) {
    return { ...failedCheck(describeKubernetesFailure(error, 'list nodes', client.server)), nodes: [] };
  }
  const nodes = list.items.map(describeNode).sort((a, b) => a.name.localeCompare(b.name));
  const notReady = nodes.filter((node) => !node.ready || node.badConditions.length > 0);
  if (nodes.length === 0) return { status: 'problem', reason: 'no nodes are registered', nodes };
  if (notReady.length > 0) {
    return {
      status: 'problem',
      reason: `${notReady.length} of ${nodes.length} nodes not ready or under pressure: ${notReady.map((node) => node.name).join(', ')}`,
      nodes,
    };
  }
  const cordoned = nodes.filter((node) => node.unschedulable);
  if (cordoned.length > 0) return { status: 'warning', reason: `${cordoned.length} nodes cordoned: ${cordoned.map((node) => node.name).join(', ')}`, nodes };
  return { status: 'ok', nodes };
}

export function describeNode(node: ClientNode.V1Node): NodeHealth {
  const conditions = node.status?.conditions ?? [];
  const ready = conditions.find((condition) => condition.type === 'Ready');
  const isReady = ready?.status === 'True';
  const unschedulable = node.spec?.unschedulable === true;
  const badConditions: NodeCondition[] = conditions
    .filter((condition) => (condition.type === 'Ready' ? condition.status !== 'True' : troubleWhenTrue.has(condition.type) && condition.status === 'True'))
    .map(({ type, status, reason, message }) => ({ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) }));
  if (!ready) badConditions.unshift({ type: 'Ready', status: 'Unknown', reason: 'NoReadyCondition', message: 'the node has not reported a Ready condition' });
  const labels = node.metadata?.labels ?? {};
  const roles = Object.keys(labels)
    .filter((label) => label.startsWith('node-role.kubernetes.io/'))
    .map((label) => label.slice('node-role.kubernetes.io/'.length))
    .filter((role) => role !== '');
  const health: NodeHealth = {
    name: node.metadata?.name ?? '',
    ready: isReady,
    status: `${isReady ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown'}${unschedulable ? ',SchedulingDisabled' : ''}`,
    roles,
    unschedulable,
    badConditions,
  };
  const version = node.status?.nodeInfo?.kubeletVersion;
  if (version) health.version = version;
  const createdAt = isoTime(node.metadata?.creationTimestamp);
  if (createdAt) health.createdAt = createdAt;
  const allocatable = node.status?.allocatable;
  if (allocatable?.cpu && allocatable.memory)
    health.allocatable = { cpuMillicores: cpuMillicores(allocatable.cpu), memoryBytes: memoryBytes(allocatable.memory) };
  return health;
}
