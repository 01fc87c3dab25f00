import { createHash } from 'node:crypto';

/**
 * The journal's hash chain: every event's `prev` is the SHA-256 (hex) of the
 * exact bytes of the line before it, without its newline; the first event's
 * is that of a genesis string naming the incident. Editing, removing or
 * reordering a line breaks the chain at the next one.
 */
export function genesisHash(incidentId: string): string {
  return sha256(Buffer.from(`runbook journal genesis ${incidentId}`, 'utf8'));
}

export function lineHash(line: Uint8Array): string {
  return sha256(line);
}

/** The JSON line for `event` chained to `prev`; `prev` goes last so the event's own fields read first. */
export function chainedLine(event: object, prev: string): string {
  const { prev: _ignored, ...fields } = event as { prev?: unknown };
  return JSON.stringify({ ...fields, prev });
}

/**
 * The lines that append `events` to a journal whose last non-empty line is
 * `lastLine` (none: a new journal), each chained to the one before, each
 * ending in a newline. Every store writes these.
 */
export function chainEvents(incidentId: string, lastLine: Uint8Array | undefined, events: readonly object[]): Buffer {
  let prev = lastLine === undefined ? genesisHash(incidentId) : lineHash(lastLine);
  const parts: Buffer[] = [];
  for (const event of events) {
    const line = Buffer.from(chainedLine(event, prev), 'utf8');
    prev = lineHash(line);
    parts.push(line, newline);
  }
  return Buffer.concat(parts);
}

const newline = Buffer.from('\n');

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
