import type { RunbookMessage, Severity } from '../model.ts';
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
 * as messages with their line numbers and skipped.
 */
export function parseJournal(text: string): ParsedJournal {
  const parsed: ParsedJournal = { events: [], foreign: [], messages: [] };
  let newerSchemaReported = false;
  let offset = 0;
  let lineNumber = 0;
  while (offset < text.length) {
    lineNumber += 1;
    const newline = text.indexOf('\n', offset);
    const isTail = newline === -1;
    const end = isTail ? text.length : newline;
    const line = text.slice(offset, end).replace(/\r$/, '');
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
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (isTail) report('journal-torn-line', 'warning', 'the last line is incomplete (a writer stopped mid-write); skipped');
      else report('journal-invalid-json', 'error', 'not valid JSON; skipped');
      continue;
    }
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
  return parsed;
}
