import type { RunbookMessage, Severity } from '../model.ts';
import { genesisHash, lineHash } from './journal-chain.ts';
import type { ForeignEvent, JournalEvent } from './journal-event.ts';
import { JOURNAL_SCHEMA_VERSION } from './journal-event.ts';
import { isNewerSchema, validateEvent } from './validate-event.ts';

export interface ParsedJournal {
  /** Valid events of known types, in file order. */
  events: JournalEvent[];
  /** Valid events of types this version does not know. */
  foreign: ForeignEvent[];
  /** Lines that were skipped, and why; each positioned at its line. */
  messages: RunbookMessage[];
}

/**
 * Reads a JSON-lines journal. Never throws and never loses a good line: a torn
 * last line (a writer killed mid-write) and a corrupt line anywhere are reported
 * as messages with their line numbers and skipped. Given the incident's id, it
 * also checks the hash chain (see `journal-chain.ts`): a line whose `prev` does
 * not fit, or an unchained line after chained ones, is reported and still read.
 */
export function parseJournal(text: string, incidentId?: string): ParsedJournal {
  const parsed: ParsedJournal = { events: [], foreign: [], messages: [] };
  let newerSchemaReported = false;
  let expectedPrev = incidentId === undefined ? undefined : genesisHash(incidentId);
  let chained = false;
  let unchainedLines = 0;
  let offset = 0;
  let lineNumber = 0;
  while (offset < text.length) {
    lineNumber += 1;
    const newline = text.indexOf('\n', offset);
    const isTail = newline === -1;
    const end = isTail ? text.length : newline;
    const raw = text.slice(offset, end);
    const line = raw.replace(/\r$/, '');
    const lineOffset = offset;
    offset = end + 1;
    const report = (ruleId: string, severity: Severity, reason: string) =>
      parsed.messages.push({
        ruleId,
        severity,
        reason: `line ${lineNumber}: ${reason}`,
        position: {
          start: { line: lineNumber, column: 1, offset: lineOffset },
          end: { line: lineNumber, column: line.length + 1, offset: lineOffset + line.length },
        },
      });
    if (line.trim() === '') continue;
    const expected = expectedPrev;
    if (expected !== undefined) expectedPrev = lineHash(Buffer.from(raw, 'utf8'));
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (isTail) report('journal-torn-line', 'warning', 'the last line is incomplete (a writer stopped mid-write); skipped');
      else report('journal-invalid-json', 'error', 'not valid JSON; skipped');
      continue;
    }
    if (expected !== undefined) {
      const prev = typeof value === 'object' && value !== null ? (value as { prev?: unknown }).prev : undefined;
      if (prev === undefined && !chained) unchainedLines += 1;
      else if (prev === undefined)
        report('journal-unchained-line', 'error', "has no 'prev' hash after chained lines: it was inserted or rewritten; read anyway");
      else {
        chained = true;
        if (prev !== expected) {
          report(
            'journal-chain-broken',
            'error',
            "its 'prev' hash does not match the line before it: a line was changed, removed or inserted here; read anyway",
          );
        }
      }
    }
    // The chain is the file's business, not the event's.
    if (typeof value === 'object' && value !== null && 'prev' in value) delete (value as { prev?: unknown }).prev;
    const result = validateEvent(value);
    if (result.kind === 'invalid') {
      report('journal-invalid-event', 'error', `${result.reason}; skipped`);
      continue;
    }
    if (isNewerSchema(result.event) && !newerSchemaReported) {
      newerSchemaReported = true;
      report(
        'journal-newer-schema',
        'info',
        `written with journal schema v${result.event.v}, newer than v${JOURNAL_SCHEMA_VERSION}; fields this version does not know are ignored`,
      );
    }
    if (result.kind === 'foreign') {
      parsed.foreign.push({ ...result.event, line: lineNumber });
      report('journal-unknown-event', 'info', `unknown event type '${result.event.type}'; kept, not replayed`);
      continue;
    }
    parsed.events.push(result.event);
  }
  if (unchainedLines > 0) {
    parsed.messages.push({
      ruleId: 'journal-unchained',
      severity: 'info',
      reason: `${unchainedLines === 1 ? 'the first line is' : `the first ${unchainedLines} lines are`} unchained (written by an older version)`,
      position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
    });
  }
  return parsed;
}
