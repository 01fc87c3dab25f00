import { baseFields, eventFields, fieldProblem, isKnownEventType } from './event-schema.ts';
import type { ForeignEvent, JournalEvent } from './journal-event.ts';
import { JOURNAL_SCHEMA_VERSION } from './journal-event.ts';

export type ValidatedEvent =
  | { kind: 'event'; event: JournalEvent }
  | { kind: 'foreign'; event: Omit<ForeignEvent, 'line'> }
  | { kind: 'invalid'; reason: string };

/**
 * Checks one parsed journal line against the schema. Known types must match it
 * exactly (extra fields are kept: a newer writer may add optional ones); unknown
 * types with a valid base are foreign, kept but not replayed.
 */
export function validateEvent(value: unknown): ValidatedEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'invalid', reason: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` };
  }
  const record = value as Record<string, unknown>;
  const baseProblem = findBaseProblem(record);
  if (baseProblem !== undefined) return { kind: 'invalid', reason: baseProblem };
  const type = record.type as string;
  if (!isKnownEventType(type)) {
    const { v, eventId, time, who } = record as { v: number; eventId: string; time: string; who: string };
    return { kind: 'foreign', event: { v, eventId, time, who, type, data: record } };
  }
  for (const [field, rule] of Object.entries(eventFields[type])) {
    const optional = rule.endsWith('?');
    const kind = (optional ? rule.slice(0, -1) : rule) as Parameters<typeof fieldProblem>[0];
    const fieldValue = record[field];
    if (fieldValue === undefined && optional) continue;
    if (fieldValue === undefined) return { kind: 'invalid', reason: `'${type}' event has no '${field}'` };
    const problem = fieldProblem(kind, fieldValue);
    if (problem !== undefined) return { kind: 'invalid', reason: `'${type}' event: '${field}' ${problem}` };
  }
  if (type === 'variable-set' && record.secret === true && record.value !== undefined) {
    return { kind: 'invalid', reason: `'variable-set' event for secret '${String(record.name)}' carries a value; a secret's value is never written` };
  }
  return { kind: 'event', event: record as unknown as JournalEvent };
}

function findBaseProblem(record: Record<string, unknown>): string | undefined {
  const v = record.v;
  if (!Number.isInteger(v) || (v as number) < 1) return "'v' must be a schema version (an integer, 1 or more)";
  for (const [field, kind] of Object.entries(baseFields)) {
    if (kind === 'version') continue;
    const problem = fieldProblem(kind, record[field]);
    if (problem !== undefined) return `'${field}' ${problem}`;
  }
  return undefined;
}

/** Events from a newer writer are read as far as their shape matches ours. */
export function isNewerSchema(event: { v: number }): boolean {
  return event.v > JOURNAL_SCHEMA_VERSION;
}
