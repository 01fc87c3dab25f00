import { createJournalEvent, type EventStamp } from './create-event.ts';
import { assertIncidentId } from './incident-id.ts';
import { storeFor, type IncidentLocation } from './incident-location.ts';
import type { IncidentState } from './incident-state.ts';
import type { JournalEvent, JournalEventInput } from './journal-event.ts';
import { loadIncident } from './load-incident.ts';
import { IncidentInputError } from './incident-input-error.ts';
import { resolveSeverity } from './severity.ts';

export interface RecordOptions extends IncidentLocation, EventStamp {}

/**
 * Appends one event to an incident's journal (one line, fsynced) and returns it
 * as written. Throws for an unknown incident or an event the schema rejects.
 */
export async function recordEvent(incidentId: string, input: JournalEventInput, options: RecordOptions): Promise<JournalEvent> {
  assertIncidentId(incidentId);
  const event = createJournalEvent(input, options);
  await storeFor(options).append(incidentId, [event]);
  return event;
}

export interface ChangeSeverityOptions extends RecordOptions {
  reason?: string;
}

/**
 * Records a severity change, checking `to` against the levels the incident
 * started with. Only while open (a closed incident's severity is history), and
 * only when it changes: the same level records nothing and returns the state.
 */
export async function changeSeverity(incidentId: string, to: string, options: ChangeSeverityOptions): Promise<IncidentState> {
  const before = await loadIncident(incidentId, options);
  const level = resolveSeverity(to, before.severities);
  if (before.status !== 'open')
    throw new IncidentInputError('incident', incidentId, `is ${before.cancelled ? 'cancelled' : 'resolved'}; reopen it to change its severity`);
  if (before.severity === level.id) return before;
  const { reason, ...rest } = options;
  await recordEvent(
    incidentId,
    { type: 'severity-changed', from: before.severity ?? 'unknown', to: level.id, ...(reason === undefined ? {} : { reason }) },
    rest,
  );
  return loadIncident(incidentId, options);
}

export interface ResolveIncidentOptions extends RecordOptions {
  summary?: string;
  /** Root-cause category, a word like `deployment` (lower case, digits, `-`). */
  causeCategory?: string;
  customerImpact?: string;
}

/** Records the resolution and clears the current-incident pointer if it points here. */
export async function resolveIncident(incidentId: string, options: ResolveIncidentOptions): Promise<IncidentState> {
  const { summary, causeCategory, customerImpact, ...rest } = options;
  const before = await loadIncident(incidentId, rest);
  if (before.status !== 'open') throw new IncidentInputError('incident', incidentId, `is already ${before.cancelled ? 'cancelled' : 'resolved'}`);
  await recordEvent(
    incidentId,
    {
      type: 'resolved',
      ...(summary === undefined ? {} : { summary }),
      ...(causeCategory === undefined ? {} : { causeCategory: checkedCategory(causeCategory) }),
      ...(customerImpact === undefined ? {} : { customerImpact }),
    },
    rest,
  );
  const store = storeFor(options);
  // A damaged pointer must not make a recorded resolution look failed.
  const current = await store.current().catch(() => undefined);
  if (current === incidentId) await store.setCurrent(undefined);
  return loadIncident(incidentId, options);
}

/** Categories are compared as words: `Deployment ` and `deployment` are one. */
export function checkedCategory(category: string): string {
  const word = category.trim().toLowerCase().replace(/\s+/g, '-');
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(word)) throw new IncidentInputError('cause category', category, 'must be a word like deployment, capacity or dependency');
  return word;
}
