import { createJournalEvent, type EventStamp } from './create-event.ts';
import { assertIncidentId } from './incident-id.ts';
import { storeFor, type IncidentLocation } from './incident-location.ts';
import type { IncidentState } from './incident-state.ts';
import type { JournalEvent, JournalEventInput } from './journal-event.ts';
import { loadIncident } from './load-incident.ts';
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

/** Records a severity change, checking `to` against the levels the incident started with. */
export async function changeSeverity(incidentId: string, to: string, options: ChangeSeverityOptions): Promise<IncidentState> {
  const before = await loadIncident(incidentId, options);
  const level = resolveSeverity(to, before.severities);
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
}

/** Records the resolution and clears the current-incident pointer if it points here. */
export async function resolveIncident(incidentId: string, options: ResolveIncidentOptions): Promise<IncidentState> {
  const { summary, ...rest } = options;
  await recordEvent(incidentId, { type: 'resolved', ...(summary === undefined ? {} : { summary }) }, rest);
  const store = storeFor(options);
  // A damaged pointer must not make a recorded resolution look failed.
  const current = await store.current().catch(() => undefined);
  if (current === incidentId) await store.setCurrent(undefined);
  return loadIncident(incidentId, options);
}
