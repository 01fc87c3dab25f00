import type { IncidentStatus } from 'runbook-core';

/** The status bar's text and whether it warns: `INC-… · P1 · IC Dana · 42m · update in 8m`. */
export function statusBarText(status: IncidentStatus, kubeContext: string | undefined, now: number, commander?: string): { text: string; warning: boolean } {
  const parts = [status.id];
  if (status.severity) parts.push(status.severity.id);
  if (commander !== undefined && status.status === 'open') parts.push(`IC ${commander}`);
  if (status.status === 'resolved') parts.push('resolved');
  else {
    parts.push(minutes(status.elapsedMs));
    if (status.nextUpdateDueAt !== undefined) {
      const dueIn = Date.parse(status.nextUpdateDueAt) - now;
      parts.push(dueIn < 0 ? `update overdue ${minutes(-dueIn)}` : `update in ${minutes(dueIn)}`);
    }
  }
  if (kubeContext) parts.push(`⎈ ${kubeContext}`);
  return { text: parts.join(' · '), warning: status.updateOverdue || status.responseOverdue };
}

function minutes(ms: number): string {
  const total = Math.floor(ms / 60_000);
  return total < 60 ? `${total}m` : `${Math.floor(total / 60)}h${String(total % 60).padStart(2, '0')}m`;
}
