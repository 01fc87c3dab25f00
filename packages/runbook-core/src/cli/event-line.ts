import { incidentTimeline, type IncidentState, type JournalEvent } from '../incident/index.ts';
import { printable } from '../text/printable.ts';

/**
 * One journal event as one timeline line, `HH:MM:SS  who  what — action`,
 * in the review timeline's words; `undefined` for events the timeline
 * leaves out (variables, a pinned context). Journal text is made printable.
 */
export function eventLine(state: IncidentState, event: JournalEvent): string | undefined {
  const [row] = incidentTimeline({ ...state, events: [event] });
  if (row === undefined) return undefined;
  const what = event.type === 'step-started' ? 'Step started' : row.event;
  return `${event.time.slice(11, 19)}  ${printable(event.who)}  ${printable(what)} — ${printable(row.action)}`;
}
