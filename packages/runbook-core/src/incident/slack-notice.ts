import type { IncidentState } from './incident-state.ts';
import { incidentStatus } from './incident-status.ts';
import { humanDuration } from './utc-time.ts';

/** What a Slack post is about (the event type) and its one line; every front-end posts these words. */
export interface SlackNotice {
  about: string;
  text: string;
}

function kind(state: IncidentState): string {
  if (state.drill) return ' [drill]';
  return state.duplicateOf === undefined ? '' : ` [duplicate of ${state.duplicateOf}]`;
}

export const slackNotices = {
  started: (state: IncidentState, who: string): SlackNotice => ({
    about: 'started',
    text: `:rotating_light: ${state.id} (${state.severity})${kind(state)} started by ${who}: ${state.title}`,
  }),
  severityChanged: (id: string, from: string, to: string, reason?: string): SlackNotice => ({
    about: 'severity-changed',
    text: `${id}: severity ${from} → ${to}${reason ? ` (${reason})` : ''}`,
  }),
  assigned: (id: string, role: string, person: string, previous?: string): SlackNotice => ({
    about: 'assigned',
    text: `${id}: ${role} is ${person}${previous === undefined ? '' : ` (from ${previous})`}`,
  }),
  resolved: (state: IncidentState): SlackNotice => ({
    about: 'resolved',
    text: `:white_check_mark: ${state.id} resolved after ${humanDuration(incidentStatus(state).elapsedMs)}${state.resolution ? `: ${state.resolution}` : ''}`,
  }),
  cancelled: (id: string, reason: string): SlackNotice => ({ about: 'cancelled', text: `${id} cancelled: ${reason}` }),
  reopened: (id: string, reason?: string): SlackNotice => ({ about: 'reopened', text: `${id} reopened${reason ? `: ${reason}` : ''}` }),
  statusUpdate: (text: string): SlackNotice => ({ about: 'status-update', text }),
};
