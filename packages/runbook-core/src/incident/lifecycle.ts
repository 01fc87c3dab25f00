import { checkedNow } from './create-event.ts';
import type { IncidentState } from './incident-state.ts';
import { IncidentInputError } from './incident-input-error.ts';
import { storeFor } from './incident-location.ts';
import type { IncidentMilestone } from './journal-event.ts';
import { loadIncident } from './load-incident.ts';
import { type RecordOptions, recordEvent } from './record-event.ts';

/** Role aliases people type, to the names the journal keeps. */
const ROLE_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  ic: 'commander',
  'incident-commander': 'commander',
  'tech-lead': 'lead',
  'technical-lead': 'lead',
  communications: 'comms',
  'communications-lead': 'comms',
  'comms-lead': 'comms',
  'security-lead': 'security',
});

/** The seed's incident response team; any other word is accepted too (`scribe`, `dba`). */
export const KNOWN_ROLES = Object.freeze(['commander', 'lead', 'comms', 'security', 'scribe']);

/** `IC`, `Incident Commander` → `commander`; refuses what cannot be a role name. */
export function canonicalRole(role: string): string {
  const word = role
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(word)) throw new IncidentInputError('role', role, `must be a word like ${KNOWN_ROLES.join(', ')}`);
  return ROLE_ALIASES[word] ?? word;
}

export type AssignResult = { state: IncidentState; changed: boolean; previous?: string };

/**
 * Gives `role` to `person`. Giving it to someone else is a hand-over (the event
 * names the previous holder); giving it to the same person records nothing.
 */
export async function assignRole(incidentId: string, role: string, person: string, options: RecordOptions): Promise<AssignResult> {
  const name = canonicalRole(role);
  const holder = person.replace(/\s+/g, ' ').trim();
  if (holder === '') throw new IncidentInputError('person', person, 'is empty');
  const before = await openIncident(incidentId, options, 'assign roles');
  const previous = before.roles?.[name];
  if (previous === holder) return { state: before, changed: false, previous };
  await recordEvent(incidentId, { type: 'assigned', role: name, person: holder, ...(previous === undefined ? {} : { previous }) }, options);
  return { state: await loadIncident(incidentId, options), changed: true, ...(previous === undefined ? {} : { previous }) };
}

/** Closes an open incident without a resolution; clears the current pointer if it points here. */
export async function cancelIncident(incidentId: string, reason: string, options: RecordOptions): Promise<IncidentState> {
  const why = reason.replace(/\s+/g, ' ').trim();
  if (why === '') throw new IncidentInputError('reason', reason, 'is empty: say why it is cancelled (false alarm, opened by mistake)');
  await openIncident(incidentId, options, 'cancel it');
  await recordEvent(incidentId, { type: 'cancelled', reason: why }, options);
  const store = storeFor(options);
  if ((await store.current().catch(() => undefined)) === incidentId) await store.setCurrent(undefined);
  return loadIncident(incidentId, options);
}

/** Opens a resolved or cancelled incident again and makes it current. */
export async function reopenIncident(incidentId: string, options: RecordOptions & { reason?: string }): Promise<IncidentState> {
  const { reason, ...rest } = options;
  const before = await loadIncident(incidentId, rest);
  if (before.status === 'open') throw new IncidentInputError('incident', incidentId, 'is open already');
  await recordEvent(incidentId, { type: 'reopened', ...(reason === undefined ? {} : { reason }) }, rest);
  await storeFor(rest).setCurrent(incidentId);
  return loadIncident(incidentId, rest);
}

/**
 * Records when a milestone happened (default: now), after the fact if need be.
 * Refused when it would be after now, or when `resolved` is marked on an open incident.
 */
export async function markMilestone(incidentId: string, milestone: IncidentMilestone, options: RecordOptions & { at?: Date }): Promise<IncidentState> {
  const { at, ...rest } = options;
  const now = checkedNow(rest.now);
  const when = at === undefined ? now : checkedNow(at, 'at');
  if (when.getTime() > now.getTime()) throw new IncidentInputError('at', when, 'is in the future');
  const before = await loadIncident(incidentId, rest);
  if (milestone === 'resolved' && before.status !== 'open' && before.cancelled)
    throw new IncidentInputError('incident', incidentId, 'was cancelled, not resolved');
  if (milestone === 'resolved' && before.status === 'open') {
    throw new IncidentInputError('incident', incidentId, "is open: resolve it with 'incident resolve', then mark its resolution time");
  }
  await recordEvent(incidentId, { type: 'marked', milestone, at: when.toISOString() }, rest);
  return loadIncident(incidentId, rest);
}

async function openIncident(incidentId: string, options: RecordOptions, what: string): Promise<IncidentState> {
  const state = await loadIncident(incidentId, options);
  if (state.status !== 'open') throw new IncidentInputError('incident', incidentId, `is ${state.cancelled ? 'cancelled' : 'resolved'}; reopen it to ${what}`);
  return state;
}
