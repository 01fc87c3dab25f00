import { randomBytes } from 'node:crypto';
import { cleanName, currentUser } from './current-user.ts';
import { IncidentInputError } from './incident-input-error.ts';
import type { JournalEvent, JournalEventInput } from './journal-event.ts';
import { JOURNAL_SCHEMA_VERSION } from './journal-event.ts';
import { validateEvent } from './validate-event.ts';

export interface EventStamp {
  /** Event time (default: now). */
  now?: Date;
  /** Who acts (default: `currentUser()`). */
  who?: string;
}

/**
 * Completes an event with `v`, `eventId`, `time` and `who`, and checks it against
 * the same schema readers use, so nothing is written that a reader would skip.
 * A secret variable's value is refused here, before it can reach the disk.
 */
export function createJournalEvent(input: JournalEventInput, stamp: EventStamp = {}): JournalEvent {
  const time = checkedNow(stamp.now);
  const who = stamp.who === undefined ? currentUser() : cleanName(stamp.who);
  if (who === undefined) throw new IncidentInputError('who', stamp.who, 'is empty');
  const candidate = { ...input, v: JOURNAL_SCHEMA_VERSION, eventId: randomBytes(6).toString('hex'), time: time.toISOString(), who };
  const result = validateEvent(candidate);
  if (result.kind !== 'event') {
    const reason = result.kind === 'invalid' ? result.reason : `unknown event type '${String(input.type)}'`;
    throw new IncidentInputError('event', input.type, `cannot be written: ${reason}`);
  }
  return result.event;
}

export function checkedNow(now: Date | undefined, option = 'now'): Date {
  if (now === undefined) return new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new IncidentInputError(option, now, 'is not a valid Date');
  return now;
}

/** One line per event; JSON escapes every newline inside values. */
export function serializeEvents(events: readonly JournalEvent[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('');
}
