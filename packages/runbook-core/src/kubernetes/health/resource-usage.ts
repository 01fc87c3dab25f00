import type { KubernetesClient } from '../kubernetes-client.ts';
import { describeKubernetesFailure } from '../kubernetes-failure.ts';
import { failedCheck } from './failed-check.ts';
import type { NodeHealth, NodeUsage, PodUsage, UsageCheck } from './health-report.ts';
import { cpuMillicores, memoryBytes } from './quantity.ts';

const metrics = { group: 'metrics.k8s.io', version: 'v1beta1' } as const;

interface MetricsItem {
  metadata?: { name?: string; namespace?: string };
  usage?: { cpu?: string; memory?: string };
  containers?: Array<{ usage?: { cpu?: string; memory?: string } }>;
}

/**
 * `kubectl top nodes` and `kubectl top pods -n … --sort-by=cpu` from the
 * metrics API. Clusters without metrics-server get `unavailable` and the
 * reason, never a failed health check.
 */
export async function checkResourceUsage(client: KubernetesClient, namespace: string, nodes: Promise<NodeHealth[]>): Promise<UsageCheck> {
  let nodeItems: MetricsItem[];
  let podItems: MetricsItem[];
  try {
    const [nodeList, podList] = await Promise.all([
      client.custom.listClusterCustomObject({ ...metrics, plural: 'nodes' }),
      client.custom.listNamespacedCustomObject({ ...metrics, namespace, plural: 'pods' }),
    ]);
    nodeItems = itemsOf(nodeList);
    podItems = itemsOf(podList);
  } catch (error) {
    const failure = describeKubernetesFailure(error, 'read resource usage', client.server);
    if (failure.code === 'not-found')
      return unavailable('the metrics API (metrics.k8s.io) is not served by this cluster; install metrics-server for resource usage');
    if (failure.status === 503) return unavailable(`the metrics API is registered but not answering (HTTP 503): ${failure.reason}`);
    if (failure.code === 'forbidden') return unavailable(`not allowed to read the metrics API: ${failure.reason}`);
    return { ...failedCheck(failure), nodes: [], pods: [] };
  }
  const allocatable = new Map((await nodes).map((node) => [node.name, node.allocatable]));
  const nodeUsage = nodeItems.map((item): NodeUsage => {
    const usage: NodeUsage = {
      name: item.metadata?.name ?? '',
      cpuMillicores: cpuMillicores(item.usage?.cpu ?? '0'),
      memoryBytes: memoryBytes(item.usage?.memory ?? '0'),
    };
    const capacity = allocatable.get(usage.name);
    if (capacity && capacity.cpuMillicores > 0) usage.cpuPercent = Math.round((usage.cpuMillicores / capacity.cpuMillicores) * 100);
    if (capacity && capacity.memoryBytes > 0) usage.memoryPercent = Math.round((usage.memoryBytes / capacity.memoryBytes) * 100);
    return usage;
  });
  const podUsage = podItems
    .map((item): PodUsage => {
      const containers = item.containers ?? [];
      return {
        namespace: item.metadata?.namespace ?? namespace,
        name: item.metadata?.name ?? '',
        cpuMillicores: containers.reduce((sum, container) => sum + cpuMillicores(container.usage?.cpu ?? '0'), 0),
        memoryBytes: containers.reduce((sum, container) => sum + memoryBytes(container.usage?.memory ?? '0'), 0),
      };
    })
    .sort((a, b) => b.cpuMillicores - a.cpuMillicores || a.name.localeCompare(b.name));
  return { status: 'ok', nodes: nodeUsage.sort((a, b) => a.name.localeCompare(b.name)), pods: podUsage };
}

function unavailable(reason: string): UsageCheck {
  return { status: 'unavailable', reason, nodes: [], pods: [] };
}

function itemsOf(list: unknown): MetricsItem[] {
  const items = (list as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as MetricsItem[]) : [];
}
