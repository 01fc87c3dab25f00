import type { IncidentState, IncidentStatus, StoreHealth } from '../incident/index.ts';
import { humanDuration, utcDateTime } from '../incident/utc-time.ts';
import { printable } from '../text/printable.ts';
import type { paint } from './paint.ts';

/** `runbook incident status` as text: where the incident stands and what is due. */
export function formatIncidentStatus(state: IncidentState, status: IncidentStatus, c: ReturnType<typeof paint>, now: Date = new Date()): string {
  const at = (iso: string) => utcDateTime(new Date(iso));
  const level = printable(status.severity ? `${status.severity.id}${status.severity.label ? ` ${status.severity.label}` : ''}` : (state.severity ?? 'unknown'));
  const lines = [`${c.bold(state.id)}  ${printable(state.title ?? '(no title)')}`];
  const row = (name: string, text: string) => lines.push(`  ${name.padEnd(12)}${text}`);
  row('severity', level);
  const kind = state.cancelled ? `cancelled — ${printable(state.cancelled.reason)}` : `${status.status} · ${status.phase}`;
  row('status', `${kind}${state.drill ? ' [drill]' : ''}${state.duplicateOf ? ` [duplicate of ${printable(state.duplicateOf)}]` : ''}`);
  const roles = Object.entries(state.roles ?? {});
  if (roles.length > 0) row('roles', roles.map(([role, person]) => `${printable(role)} ${printable(person)}`).join(' · '));
  else if (status.status === 'open') row('roles', 'none assigned (runbook incident assign commander <person>)');
  if (status.startedAt) row('started', `${at(status.startedAt)}${state.startedBy ? ` by ${printable(state.startedBy)}` : ''}`);
  row(status.status === 'open' ? 'elapsed' : 'lasted', humanDuration(status.elapsedMs));
  const moments: [string, string | undefined][] = [
    ['impact from', state.impactStartedAt],
    ['detected', state.detectedAt],
    ['acknowledged', state.acknowledgedAt],
    ['mitigated', state.mitigatedAt],
  ];
  for (const [name, time] of moments) if (time) row(name, at(time));
  if (state.resolvedAt) row('resolved', `${at(state.resolvedAt)}${state.resolution ? ` — ${printable(state.resolution)}` : ''}`);
  if (status.responseDueAt) {
    const response = status.respondedAt
      ? `responded ${at(status.respondedAt)}${status.responseLate ? c.red(' (late)') : ''}`
      : status.responseOverdue
        ? c.red(`OVERDUE since ${at(status.responseDueAt)}`)
        : `due ${at(status.responseDueAt)}`;
    row('response', response);
  }
  if (status.nextUpdateDueAt) {
    const every = status.updateEveryMinutes === undefined ? '' : ` (every ${status.updateEveryMinutes} min)`;
    const late = humanDuration(now.getTime() - Date.parse(status.nextUpdateDueAt));
    const left = humanDuration(Date.parse(status.nextUpdateDueAt) - now.getTime());
    row(
      'next update',
      status.updateOverdue
        ? c.red(c.bold(`OVERDUE by ${late}, was due ${at(status.nextUpdateDueAt)}${every}: post a status update`))
        : `due ${at(status.nextUpdateDueAt)}, in ${left}${every}`,
    );
  } else if (status.status === 'open') {
    row('next update', 'none required at this severity');
  }
  const ticked = [...state.checklist.values()].filter((item) => item.checked).length;
  const steps = [...state.steps.values()];
  const count = (wanted: string) => steps.filter((step) => step.status === wanted).length;
  row('checklist', `${ticked} ticked`);
  row(
    'steps',
    steps.length === 0 ? 'none run' : `${steps.length} run: ${count('succeeded')} succeeded, ${count('failed')} failed, ${count('refused')} refused`,
  );
  if (state.notes.length > 0) row('notes', String(state.notes.length));
  if (state.runbook) row('runbook', printable(state.runbook));
  for (const message of state.messages) lines.push(c.yellow(`  journal: ${printable(message.reason)}`));
  return `${lines.join('\n')}\n`;
}

/** The shared store's line for `status`: where it is, and while offline since when and how many events wait. */
export function formatStoreHealth(location: string, health: StoreHealth, c: ReturnType<typeof paint>): string {
  const where = printable(location);
  if (health.online) return `  ${'store'.padEnd(12)}${where}, online${health.unsent > 0 ? `, ${health.unsent} events waiting` : ''}\n`;
  const since = health.offlineSince === undefined ? '' : ` since ${utcDateTime(new Date(health.offlineSince))}`;
  const waiting = `${health.unsent} ${health.unsent === 1 ? 'event' : 'events'} waiting`;
  return `  ${'store'.padEnd(12)}${where}, ${c.red(`offline${since}`)}, ${waiting} (sent in order when it is back)\n`;
}
