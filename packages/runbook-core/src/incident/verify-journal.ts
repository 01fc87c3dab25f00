import type { RunbookMessage } from '../model.ts';
import { assertIncidentId } from './incident-id.ts';
import { IncidentInputError } from './incident-input-error.ts';
import { storeFor, type IncidentLocation } from './incident-location.ts';
import { parseJournal } from './parse-journal.ts';

/** What `verifyJournal` found. */
export interface JournalVerification {
  id: string;
  /** Events read (known and foreign types). */
  events: number;
  /** `true` when every line parses, fits the schema and follows the one before it. */
  intact: boolean;
  /** The first line that does not fit, when not intact. */
  firstProblem?: RunbookMessage;
  /** Every finding, in line order: problems, and notes such as unchained lines from an older version or a torn last line. */
  messages: RunbookMessage[];
}

const breaking = new Set(['journal-invalid-json', 'journal-invalid-event', 'journal-chain-broken', 'journal-unchained-line']);

/**
 * Checks an incident's journal line by line: each line must be a valid event
 * whose `prev` is the hash of the line before it. Lines written before the
 * chain existed are noted, not failed; a torn last line (a writer killed
 * mid-write) is noted too. Throws only for a bad or unknown id.
 */
export async function verifyJournal(id: string, location: IncidentLocation): Promise<JournalVerification> {
  assertIncidentId(id);
  const store = storeFor(location);
  const text = await store.read(id);
  if (text === undefined) throw new IncidentInputError('incident', id, `does not exist in ${store.location}`);
  const parsed = parseJournal(text, id);
  const messages = [...parsed.messages].sort((a, b) => a.position.start.line - b.position.start.line);
  const firstProblem = messages.find((message) => breaking.has(message.ruleId));
  return {
    id,
    events: parsed.events.length + parsed.foreign.length,
    intact: firstProblem === undefined,
    ...(firstProblem === undefined ? {} : { firstProblem }),
    messages,
  };
}
