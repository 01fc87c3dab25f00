import type { IncidentState } from 'runbook-core';
import { clockTime } from '../clock-time.ts';

/** One incident as a person reads it in a picker: plain data, so it is tested without `vscode`. */
export interface IncidentPickItem {
  id: string;
  /** The title (the id when there is none). */
  label: string;
  /** `P1 · open · INC-20260101-0900`. */
  description: string;
  /** `started 14:02 (2 h ago)`, and when it closed. */
  detail: string;
  group: 'Open' | 'Resolved';
}

/** Open incidents first, then closed ones; newest first within each. */
export function incidentPickItems(incidents: readonly IncidentState[], now: number): IncidentPickItem[] {
  const started = (incident: IncidentState): number => (incident.startedAt === undefined ? 0 : Date.parse(incident.startedAt));
  const newestFirst = (a: IncidentState, b: IncidentState): number => started(b) - started(a) || b.id.localeCompare(a.id);
  const open = incidents.filter((incident) => incident.status === 'open').sort(newestFirst);
  const closed = incidents.filter((incident) => incident.status !== 'open').sort(newestFirst);
  return [...open, ...closed].map((incident) => incidentPickItem(incident, now));
}

export function incidentPickItem(incident: IncidentState, now: number): IncidentPickItem {
  const status = incident.cancelled ? 'cancelled' : incident.status;
  const kind = [incident.drill ? 'drill' : undefined, incident.duplicateOf ? `duplicate of ${incident.duplicateOf}` : undefined];
  const detail = [incident.startedAt === undefined ? undefined : `started ${when(incident.startedAt, now)}`];
  const closedAt = incident.cancelled?.time ?? incident.resolvedAt;
  if (incident.status !== 'open' && closedAt !== undefined) detail.push(`${status} ${when(closedAt, now)}`);
  return {
    id: incident.id,
    label: incident.title ?? incident.id,
    description: [incident.severity, status, ...kind, incident.id].filter(Boolean).join(' · '),
    detail: detail.filter(Boolean).join(', '),
    group: incident.status === 'open' ? 'Open' : 'Resolved',
  };
}

/** `14:02 (2 h ago)`; another day's time gets its date: `Nov 14 14:02 (3 d ago)`. */
export function when(iso: string, now: number): string {
  const time = new Date(iso);
  const sameDay = new Date(now).toDateString() === time.toDateString();
  const day = sameDay ? '' : `${time.toLocaleDateString('en-US', { month: 'short', day: 'numeric' })} `;
  return `${day}${clockTime(time)} (${ago(now - time.getTime())})`;
}

/** `just now`, `5 min ago`, `2 h ago`, `3 d ago`. */
export function ago(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}
