import type { HealthCheckStatus, KubernetesHealthReport } from './health-report.ts';

export interface HealthTextStyle {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

const plain: HealthTextStyle = { bold: same, dim: same, red: same, yellow: same, green: same };

/** The report as the investigation script's sections, for a terminal or a step's output. */
export function formatHealthReport(report: KubernetesHealthReport, style: HealthTextStyle = plain): string {
  const mark = (status: HealthCheckStatus) => {
    if (status === 'ok') return style.green('ok');
    if (status === 'warning' || status === 'unavailable') return style.yellow(status);
    return style.red(status);
  };
  const lines: string[] = [];
  const headline = report.status === 'healthy' ? style.green('HEALTHY') : style.red(report.status === 'problems' ? 'PROBLEMS FOUND' : 'CANNOT CHECK');
  lines.push(`${style.bold(`KUBERNETES HEALTH: ${headline}`)}  ${style.dim(`${report.context ?? '?'} · namespace ${report.namespace} · ${report.checkedAt}`)}`);
  if (report.status === 'error') {
    lines.push(`  ${report.failure?.reason ?? report.summary}`);
    return `${lines.join('\n')}\n`;
  }
  const section = (title: string, status: HealthCheckStatus, reason?: string) => {
    lines.push('', `${style.bold(title)}  ${mark(status)}${reason ? `  ${reason}` : ''}`);
  };

  section('1. NODES', report.nodes.status, report.nodes.reason);
  for (const node of report.nodes.nodes) {
    const roles = node.roles.length > 0 ? node.roles.join(',') : '<none>';
    lines.push(`  ${node.name.padEnd(30)} ${colourStatus(node.status.padEnd(28), node.ready, style)} ${roles.padEnd(14)} ${node.version ?? ''}`);
    for (const condition of node.badConditions)
      lines.push(
        `    ${condition.type}=${condition.status}${condition.reason ? ` ${condition.reason}` : ''}${condition.message ? `: ${condition.message}` : ''}`,
      );
  }

  const scope = report.pods.scope === 'all-namespaces' ? 'all namespaces' : `namespace ${report.pods.namespace}`;
  section(`2. PODS NOT RUNNING AND READY (${scope}, ${report.pods.total} pods)`, report.pods.status, report.pods.reason);
  for (const pod of report.pods.problems) {
    lines.push(`  ${`${pod.namespace}/${pod.name}`.padEnd(48)} ${pod.ready.padEnd(5)} ${style.red(pod.reason.padEnd(26))} restarts ${pod.restarts}`);
    if (pod.message) lines.push(`    ${style.dim(pod.message)}`);
  }

  section(`3. RECENT DEPLOYMENTS (${report.rollouts.namespace})`, report.rollouts.status, report.rollouts.reason);
  for (const deployment of report.rollouts.deployments) {
    const state = deployment.healthy ? style.green('ok') : style.red(deployment.reason ?? 'unhealthy');
    lines.push(`  ${style.bold(deployment.name)}  ready ${deployment.ready}/${deployment.desired}  revision ${deployment.revision ?? '?'}  ${state}`);
    for (const revision of deployment.history) {
      const cause = revision.changeCause ?? '<none>';
      lines.push(
        `    ${String(revision.revision).padStart(4)}${revision.current ? '*' : ' '} ${(revision.createdAt ?? '').padEnd(24)} ${revision.images.join(', ').padEnd(40)} ${cause}`,
      );
    }
  }

  section(`4. RESOURCE UTILIZATION`, report.usage.status, report.usage.reason);
  for (const node of report.usage.nodes) {
    lines.push(
      `  node ${node.name.padEnd(30)} cpu ${`${node.cpuMillicores}m`.padStart(7)}${percent(node.cpuPercent)}  memory ${mebibytes(node.memoryBytes)}${percent(node.memoryPercent)}`,
    );
  }
  for (const pod of report.usage.pods) {
    lines.push(`  pod  ${`${pod.namespace}/${pod.name}`.padEnd(30)} cpu ${`${pod.cpuMillicores}m`.padStart(7)}  memory ${mebibytes(pod.memoryBytes)}`);
  }

  section(`5. RECENT WARNING EVENTS (${report.events.namespace})`, report.events.status, report.events.reason);
  for (const event of report.events.events) {
    const count = event.count > 1 ? ` (x${event.count})` : '';
    lines.push(`  ${style.dim(event.lastSeen ?? '')} ${style.yellow(event.reason)} ${event.object}${count}: ${event.message}`);
  }
  lines.push('', report.summary);
  return `${lines.join('\n')}\n`;
}

function colourStatus(status: string, ready: boolean, style: HealthTextStyle): string {
  return ready ? style.green(status) : style.red(status);
}

function percent(value: number | undefined): string {
  return value === undefined ? '' : ` (${value}%)`;
}

function mebibytes(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)}Mi`;
}

function same(text: string): string {
  return text;
}
