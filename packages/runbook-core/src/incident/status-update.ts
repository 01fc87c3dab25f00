import type { Runbook, Template } from '../model.ts';
import type { RenderedTemplate } from '../template/index.ts';
import { IncidentInputError } from './incident-input-error.ts';
import type { IncidentState } from './incident-state.ts';
import { renderIncidentTemplate } from './incident-template.ts';
import type { IncidentPhase } from './journal-event.ts';

export interface StatusUpdateOptions {
  /** Time the update is written (default: now); `DURATION` runs to it while open. */
  now?: Date;
  /** Extra or overriding values, e.g. `INCIDENT_TRACKING_URL`. */
  values?: Readonly<Record<string, string>>;
  /** Answers for `[bracket]` slots by field label or bracket text (see `IncidentTemplateOptions.fills`). */
  fills?: Readonly<Record<string, string>>;
  /** Names to mask in the output, e.g. the runbook's secret variables. */
  mask?: Iterable<string>;
  /** Overrides the phase derived from the journal. */
  phase?: IncidentPhase;
}

/**
 * Fills a status-update template from the incident's state: the same
 * renderer as every other template (`renderIncidentTemplate`), whose
 * variables and bracket answers it documents.
 */
export function renderStatusUpdate(state: IncidentState, template: Template | string, options: StatusUpdateOptions = {}): RenderedTemplate {
  const text = typeof template === 'string' ? template : template?.text;
  if (typeof text !== 'string') throw new IncidentInputError('template', template, 'must be a template or its text');
  return renderIncidentTemplate(text, { ...options, state });
}

/** The runbook's status-update template: named or sectioned "status update", else the first holding `${INCIDENT_ID}` and a status line. */
export function findStatusUpdateTemplate(runbook: Pick<Runbook, 'templates'>): Template | undefined {
  const named = /status[\s_-]*update/i;
  return (
    runbook.templates.find((template) => named.test(template.name ?? '') || named.test(template.section ?? '')) ??
    runbook.templates.find((template) => template.text.includes('${INCIDENT_ID}') && /\bstatus\b/i.test(template.text))
  );
}
