import type { IncidentStatus } from 'runbook-core';

/**
 * Decides when the editor says a status update is late: once per due
 * moment of each incident. Posting an update moves the due moment, so the
 * next lateness is told again; the same lateness, seen on every tick of the
 * status bar, is told once.
 */
export class LateUpdateNotices {
  readonly #told = new Set<string>();

  /** The notice to show now, or undefined (not late, not open, or already told). */
  notice(status: IncidentStatus, now: number): string | undefined {
    if (status.status !== 'open' || status.nextUpdateDueAt === undefined) return undefined;
    const due = Date.parse(status.nextUpdateDueAt);
    if (Number.isNaN(due) || now < due) return undefined;
    const key = `${status.id}@${status.nextUpdateDueAt}`;
    if (this.#told.has(key)) return undefined;
    this.#told.add(key);
    const late = Math.floor((now - due) / 60_000);
    return `Status update for ${status.id} is ${late < 1 ? 'due now' : `${late} min late`} (due ${hhmm(status.nextUpdateDueAt)} UTC).`;
  }
}

function hhmm(iso: string): string {
  return iso.slice(11, 16);
}
