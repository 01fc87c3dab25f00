import type { Runbook, Template } from '../model.ts';
import { renderTemplate, type PlaceholderContext, type RenderedTemplate } from '../template/index.ts';
import { checkedNow } from './create-event.ts';
import { IncidentInputError } from './incident-input-error.ts';
import type { IncidentState } from './incident-state.ts';
import { incidentStatus } from './incident-status.ts';
import type { IncidentPhase } from './journal-event.ts';
import { humanDuration, utcDateTime } from './utc-time.ts';

export interface StatusUpdateOptions {
  /** Time the update is written (default: now); `DURATION` runs to it while open. */
  now?: Date;
  /** Extra or overriding values, e.g. `INCIDENT_TRACKING_URL`. */
  values?: Readonly<Record<string, string>>;
  /** Names to mask in the output, e.g. the runbook's secret variables. */
  mask?: Iterable<string>;
  /** Overrides the phase derived from the journal. */
  phase?: IncidentPhase;
}

/**
 * Fills a status-update template from the incident's state. Variables:
 * `INCIDENT_ID`, `INCIDENT_TITLE`, `SEVERITY` (`P1`), `SEVERITY_LABEL` (`High`),
 * `STATUS` (`Mitigating`), `START_TIME` and `NEXT_UPDATE` (`2026-11-14 14:23 UTC`),
 * `DURATION` (`1h 5m`), plus `values`. Bracket choices are filled when the
 * answer is one of them: `[Investigating/Mitigating/Resolved]` becomes the phase,
 * `P[0-3]` and `[P0/P1/P2/P3]` the severity. Anything else stays and is reported.
 */
export function renderStatusUpdate(state: IncidentState, template: Template | string, options: StatusUpdateOptions = {}): RenderedTemplate {
  const now = checkedNow(options.now);
  const text = typeof template === 'string' ? template : template.text;
  if (typeof text !== 'string') throw new IncidentInputError('template', template, 'must be a template or its text');
  const status = incidentStatus(state, now);
  const phase = options.phase ?? state.phase;
  const phaseWord = capitalize(phase);
  const values: Record<string, string> = { INCIDENT_ID: state.id, STATUS: phaseWord, DURATION: humanDuration(status.elapsedMs) };
  if (state.title !== undefined) values.INCIDENT_TITLE = state.title;
  if (state.severity !== undefined) values.SEVERITY = state.severity;
  if (status.severity?.label !== undefined) values.SEVERITY_LABEL = status.severity.label;
  if (state.startedAt !== undefined) values.START_TIME = utcDateTime(new Date(state.startedAt));
  if (status.nextUpdateDueAt !== undefined) values.NEXT_UPDATE = utcDateTime(new Date(status.nextUpdateDueAt));
  Object.assign(values, options.values);
  return renderTemplate(text, values, {
    ...(options.mask === undefined ? {} : { mask: options.mask }),
    placeholders: (slot) => choiceFor(slot, phaseWord, state.severity),
  });
}

/** The runbook's status-update template: named or sectioned "status update", else the first holding `${INCIDENT_ID}` and a status line. */
export function findStatusUpdateTemplate(runbook: Pick<Runbook, 'templates'>): Template | undefined {
  const named = /status[\s_-]*update/i;
  return (
    runbook.templates.find((template) => named.test(template.name ?? '') || named.test(template.section ?? '')) ??
    runbook.templates.find((template) => template.text.includes('${INCIDENT_ID}') && /\bstatus\b/i.test(template.text))
  );
}

function choiceFor(slot: PlaceholderContext, phaseWord: string, severity: string | undefined): string | undefined {
  const alternatives = slot.name.split('/').map((choice) => choice.trim());
  const phaseChoice = alternatives.find((choice) => choice.toLowerCase() === phaseWord.toLowerCase());
  if (alternatives.length > 1 && phaseChoice !== undefined) return phaseChoice;
  if (severity === undefined) return undefined;
  if (alternatives.length > 1 && alternatives.includes(severity)) return severity;
  // `P[0-3]`: the prefix before the bracket plus a number in the range.
  const range = /^(\d+)-(\d+)$/.exec(slot.name);
  const level = /^(.*?)(\d+)$/.exec(severity);
  if (range === null || level === null) return undefined;
  const [, prefix = '', digits = ''] = level;
  const number = Number(digits);
  const inRange = number >= Number(range[1]) && number <= Number(range[2]);
  return inRange && prefix !== '' && slot.before.endsWith(prefix) ? digits : undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
