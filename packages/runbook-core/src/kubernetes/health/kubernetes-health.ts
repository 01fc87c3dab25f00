import { createKubernetesClient, type KubernetesClientOptions } from '../kubernetes-client.ts';
import type { KubernetesFailure } from '../kubernetes-failure.ts';
import type { HealthCheckStatus, KubernetesHealthReport } from './health-report.ts';
import { checkNodes } from './node-health.ts';
import { checkPods } from './pod-health.ts';
import { checkResourceUsage } from './resource-usage.ts';
import { checkRollouts } from './rollout-history.ts';
import { checkWarningEvents } from './warning-events.ts';

export interface KubernetesHealthOptions extends KubernetesClientOptions {
  /** Namespace of the rollout, event and usage checks. Default: the context's namespace. */
  namespace?: string;
  /** Rollout revisions kept per Deployment. Default: 5 (the script's `tail -5`). */
  revisions?: number;
  /** Warning events kept, the most recent. Default: 20 (the script's `tail -20`). */
  events?: number;
}

/**
 * The investigation script's cluster questions, answered as data: nodes and
 * readiness, pods not running and ready, rollout history of the namespace's
 * Deployments, recent Warning events, resource usage when the metrics API
 * answers. Never throws for cluster trouble: a check that cannot run says why,
 * and a report that could check nothing has status `error` and a `failure`.
 */
export async function kubernetesHealth(options: KubernetesHealthOptions = {}): Promise<KubernetesHealthReport> {
  const started = performance.now();
  const checkedAt = new Date().toISOString();
  const revisions = positiveInteger(options.revisions, 'revisions', 5);
  const events = positiveInteger(options.events, 'events', 20);
  const connection = await createKubernetesClient(options);
  if (!connection.ok) {
    return failedReport(options.namespace ?? 'default', checkedAt, started, connection.problem);
  }
  const { client } = connection;
  const namespace = options.namespace ?? client.namespace;
  const nodesCheck = checkNodes(client);
  const [nodes, pods, rollouts, warnings, usage] = await Promise.all([
    nodesCheck,
    checkPods(client, namespace),
    checkRollouts(client, namespace, revisions),
    checkWarningEvents(client, namespace, events),
    checkResourceUsage(
      client,
      namespace,
      nodesCheck.then((check) => check.nodes),
    ),
  ]);
  const report: KubernetesHealthReport = {
    status: 'healthy',
    summary: '',
    context: client.context,
    server: client.server,
    namespace,
    checkedAt,
    durationMs: Math.round(performance.now() - started),
    nodes,
    pods,
    rollouts,
    events: warnings,
    usage,
  };
  const primary = [nodes, pods, rollouts, warnings];
  const failed = primary.filter((check) => check.status === 'error');
  if (failed.length === primary.length) {
    report.status = 'error';
    report.failure = { code: failed[0]!.failureCode ?? 'api-error', reason: failed[0]!.reason ?? 'every check failed' };
  } else if (primary.some((check) => check.status === 'problem' || check.status === 'error')) {
    report.status = 'problems';
  }
  report.summary = summarize(report);
  return report;
}

function summarize(report: KubernetesHealthReport): string {
  if (report.status === 'error') return `cannot check ${report.context ?? 'the cluster'}: ${report.failure?.reason ?? 'unknown error'}`;
  const parts: string[] = [];
  const { nodes, pods, rollouts, events } = report;
  const notReady = nodes.nodes.filter((node) => !node.ready).length;
  parts.push(nodes.status === 'error' ? 'nodes unknown' : `${nodes.nodes.length - notReady}/${nodes.nodes.length} nodes ready`);
  parts.push(pods.status === 'error' ? 'pods unknown' : `${pods.problems.length} pods with problems`);
  const unhealthy = rollouts.deployments.filter((rollout) => !rollout.healthy).length;
  parts.push(
    rollouts.status === 'error' ? 'deployments unknown' : `${rollouts.deployments.length - unhealthy}/${rollouts.deployments.length} deployments healthy`,
  );
  parts.push(events.status === 'error' ? 'events unknown' : `${events.events.length} warnings`);
  return `${report.status} · ${report.context} · ${report.namespace}: ${parts.join(', ')}`;
}

function failedReport(
  namespace: string,
  checkedAt: string,
  started: number,
  failure: KubernetesFailure | { code: string; reason: string },
): KubernetesHealthReport {
  const failed = { status: 'error' as HealthCheckStatus, reason: failure.reason };
  return {
    status: 'error',
    summary: `cannot check the cluster: ${failure.reason}`,
    namespace,
    checkedAt,
    durationMs: Math.round(performance.now() - started),
    nodes: { ...failed, nodes: [] },
    pods: { ...failed, scope: 'all-namespaces', total: 0, problems: [] },
    rollouts: { ...failed, namespace, deployments: [] },
    events: { ...failed, namespace, events: [] },
    usage: { ...failed, nodes: [], pods: [] },
    failure,
  };
}

function positiveInteger(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`kubernetesHealth: option '${name}' must be a positive integer, got ${String(value)}`);
  return value;
}
