import { assertIncidentId } from './incident-id.ts';
import { IncidentInputError } from './incident-input-error.ts';
import type { IncidentStore } from './incident-store.ts';
import { parseJournal } from './parse-journal.ts';

export interface PushResult {
  id: string;
  /** Events sent (the shared store skips those it already has). */
  events: number;
  /** Of those, events the shared store had already (an earlier, interrupted push). */
  alreadyThere: number;
  /** Whether the incident was new to the shared store. */
  created: boolean;
}

/**
 * Copies an incident from one store to another (a local journal into the
 * shared store), keeping its event ids and order. When the target has the
 * incident already, the push goes on only if every event there came from
 * this journal (an earlier push, cut short): the rest is added, nothing
 * doubled. Otherwise it is another incident with the same id, and the push is
 * refused. The target records who pushed each event, as it does for every
 * write.
 */
export async function pushIncident(id: string, from: IncidentStore, to: IncidentStore): Promise<PushResult> {
  assertIncidentId(id);
  const text = await from.read(id);
  if (text === undefined) throw new IncidentInputError('incident', id, `does not exist in ${from.location}`);
  const { events } = parseJournal(text, id);
  if (events.length === 0) throw new IncidentInputError('incident', id, `has no events in ${from.location} to push`);
  const created = await to.create(id);
  let alreadyThere = 0;
  if (!created) {
    const ours = new Set(events.map((event) => event.eventId));
    const theirs = parseJournal((await to.read(id)) ?? '', id).events;
    const foreign = theirs.filter((event) => !ours.has(event.eventId));
    if (foreign.length > 0) {
      throw new IncidentInputError(
        'incident',
        id,
        `already exists in ${to.location} with ${foreign.length} events that are not in ${from.location}: it is another incident with the same id, so nothing was pushed`,
      );
    }
    alreadyThere = theirs.length;
  }
  await to.append(id, events);
  return { id, events: events.length, alreadyThere, created };
}
