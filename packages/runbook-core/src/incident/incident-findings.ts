import type { IncidentState } from './incident-state.ts';

// What the journal says beyond its events: the root cause, the impact, the
// action items, the roles. Each is read from the field the lifecycle records
// when it has one, else from notes written with a leading label
// (`runbook incident note "Root cause: …"`), so a journal from either works.

/** The role slots people fill, by the keys `incident assign` records. */
export const ROLE_TITLES: Readonly<Record<string, string>> = {
  commander: 'Incident Commander',
  lead: 'Technical Lead',
  comms: 'Communications Lead',
  security: 'Security Lead',
  customer: 'Customer Success',
  scribe: 'Scribe',
};

/** Who holds each role now: `state.roles` when the journal records assignments. */
export function incidentRoles(state: IncidentState): Record<string, string> {
  const roles = (state as IncidentState & { roles?: Record<string, string> }).roles;
  return roles !== null && typeof roles === 'object' ? { ...roles } : {};
}

export function rootCauseOf(state: IncidentState): string | undefined {
  const recorded = state as IncidentState & { rootCause?: unknown; cause?: unknown; causeCategory?: unknown };
  return (
    text(recorded.rootCause) ??
    text(recorded.cause) ??
    fromResolved(state, ['rootCause', 'cause']) ??
    labelledNote(state, /^root[\s-]*cause\s*:/i) ??
    text(recorded.causeCategory)
  );
}

export function impactOf(state: IncidentState): string | undefined {
  const recorded = state as IncidentState & { customerImpact?: unknown; impact?: unknown };
  return (
    text(recorded.customerImpact) ??
    text(recorded.impact) ??
    fromResolved(state, ['customerImpact', 'impact']) ??
    labelledNote(state, /^(customer\s+)?impact\s*:/i)
  );
}

export interface ActionItem {
  text: string;
  who: string;
  time: string;
}

/** Notes marked as action items (`action: true`), or written `Action: …` / `Action item: …` / `TODO: …`. */
export function actionItemsOf(state: IncidentState): ActionItem[] {
  const items: ActionItem[] = [];
  for (const event of state.events) {
    if (event.type !== 'note') continue;
    const marked = (event as typeof event & { action?: unknown }).action === true;
    const labelled = /^(action(\s+item)?|todo)\s*:\s*/i.exec(event.text);
    if (!marked && labelled === null) continue;
    const body = labelled === null ? event.text : event.text.slice(labelled[0].length);
    if (body.trim() !== '') items.push({ text: body.trim(), who: event.who, time: event.time });
  }
  return items;
}

function labelledNote(state: IncidentState, label: RegExp): string | undefined {
  for (let index = state.notes.length - 1; index >= 0; index--) {
    const note = state.notes[index]!;
    const match = label.exec(note.text);
    if (match !== null && note.text.slice(match[0].length).trim() !== '') return note.text.slice(match[0].length).trim();
  }
  return undefined;
}

function fromResolved(state: IncidentState, fields: readonly string[]): string | undefined {
  const resolved = state.events.findLast((event) => event.type === 'resolved') as Record<string, unknown> | undefined;
  if (resolved === undefined) return undefined;
  for (const field of fields) {
    const value = text(resolved[field]);
    if (value !== undefined) return value;
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
