import type { SeverityLevel } from '../model.ts';
import { checkedNow } from './create-event.ts';
import type { IncidentState } from './incident-state.ts';
import type { IncidentPhase } from './journal-event.ts';
import { responseDueAt } from './severity.ts';

export interface IncidentStatus {
  id: string;
  status: IncidentState['status'];
  phase: IncidentPhase;
  /** The current level; absent when the journal lost its start. */
  severity?: SeverityLevel;
  startedAt?: string;
  /** Start to now, or to the resolution once resolved; 0 when the start is unknown. */
  elapsedMs: number;
  /** Start + the level's response time (next business day 09:00 UTC for a level without one). */
  responseDueAt?: string;
  respondedAt?: string;
  /** Open, no response yet, and past due. */
  responseOverdue: boolean;
  /** The response came after it was due. */
  responseLate: boolean;
  /** Minutes between status updates at the current level; absent when it asks for none. */
  updateEveryMinutes?: number;
  lastUpdateAt?: string;
  /** Last `status-update` (or the start) + the cadence; only while open. */
  nextUpdateDueAt?: string;
  updateOverdue: boolean;
}

/**
 * Where an incident stands at `now`. Definitions:
 * - response: the first event after `started` that a person made (acknowledged,
 *   a step started or refused, a checklist tick, a note, a severity change, a
 *   status update, the resolution). Detection times and variables do not count.
 * - response due: from the start at the current severity, so an escalation
 *   tightens it at once.
 * - next update: the last `status-update` event (or the start when none) plus the
 *   current severity's cadence.
 */
export function incidentStatus(state: IncidentState, now: Date = new Date()): IncidentStatus {
  const at = checkedNow(now);
  const severity = state.severities.find((level) => level.id === state.severity);
  const startedAt = state.startedAt === undefined ? undefined : new Date(state.startedAt);
  const open = state.status === 'open';
  const endMs = open || state.resolvedAt === undefined ? at.getTime() : Date.parse(state.resolvedAt);
  const status: IncidentStatus = {
    id: state.id,
    status: state.status,
    phase: state.phase,
    elapsedMs: startedAt === undefined ? 0 : Math.max(0, endMs - startedAt.getTime()),
    responseOverdue: false,
    responseLate: false,
    updateOverdue: false,
  };
  if (severity !== undefined) status.severity = severity;
  if (state.respondedAt !== undefined) status.respondedAt = state.respondedAt;
  if (startedAt === undefined || severity === undefined) return status;
  status.startedAt = startedAt.toISOString();
  const dueMs = responseDueAt(severity, startedAt).getTime();
  status.responseDueAt = new Date(dueMs).toISOString();
  if (state.respondedAt === undefined) status.responseOverdue = open && at.getTime() > dueMs;
  else status.responseLate = Date.parse(state.respondedAt) > dueMs;
  const lastUpdate = state.statusUpdates.at(-1)?.time;
  if (lastUpdate !== undefined) status.lastUpdateAt = lastUpdate;
  if (severity.updateEveryMinutes === undefined) return status;
  status.updateEveryMinutes = severity.updateEveryMinutes;
  if (!open) return status;
  const nextMs = Date.parse(lastUpdate ?? status.startedAt) + severity.updateEveryMinutes * 60_000;
  status.nextUpdateDueAt = new Date(nextMs).toISOString();
  status.updateOverdue = at.getTime() > nextMs;
  return status;
}
