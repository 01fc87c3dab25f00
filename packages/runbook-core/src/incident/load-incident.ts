import { assertIncidentId } from './incident-id.ts';
import { IncidentInputError } from './incident-input-error.ts';
import { storeFor, type IncidentLocation } from './incident-location.ts';
import type { IncidentState } from './incident-state.ts';
import { parseJournal } from './parse-journal.ts';
import { markStaleRuns, replayJournal } from './replay-journal.ts';
import { runnerIsGone } from './runner-liveness.ts';

/**
 * Reads and replays one incident's journal. Damaged or unchained lines become
 * messages on the state (readers show them as warnings); nothing is rewritten. Throws only for a bad or unknown id.
 */
export async function loadIncident(id: string, location: IncidentLocation): Promise<IncidentState> {
  assertIncidentId(id);
  const store = storeFor(location);
  const text = await store.read(id);
  if (text === undefined) throw new IncidentInputError('incident', id, `does not exist in ${store.location}`);
  return markStaleRuns(replayJournal({ id, ...parseJournal(text, id) }), runnerIsGone);
}

/** Every incident in the store, replayed, in id order. */
export async function loadIncidents(location: IncidentLocation): Promise<IncidentState[]> {
  const store = storeFor(location);
  const states: IncidentState[] = [];
  for (const id of await store.list()) states.push(await loadIncident(id, { store }));
  return states;
}

export async function listIncidents(location: IncidentLocation): Promise<string[]> {
  return storeFor(location).list();
}

/** The current incident's id, if one is set. */
export async function currentIncident(location: IncidentLocation): Promise<string | undefined> {
  return storeFor(location).current();
}

/** Makes `id` current (it must exist), or clears the pointer with `undefined`. */
export async function setCurrentIncident(id: string | undefined, location: IncidentLocation): Promise<void> {
  const store = storeFor(location);
  if (id !== undefined) {
    assertIncidentId(id);
    if ((await store.read(id)) === undefined) throw new IncidentInputError('incident', id, `does not exist in ${store.location}`);
  }
  await store.setCurrent(id);
}
