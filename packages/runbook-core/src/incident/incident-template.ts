import type { Template } from '../model.ts';
import { renderTemplate, type PlaceholderContext, type RenderedTemplate } from '../template/index.ts';
import { checkedNow } from './create-event.ts';
import { IncidentInputError } from './incident-input-error.ts';
import { impactOf, incidentRoles, ROLE_TITLES, rootCauseOf } from './incident-findings.ts';
import type { IncidentState } from './incident-state.ts';
import { incidentStatus } from './incident-status.ts';
import type { IncidentPhase } from './journal-event.ts';
import { humanDuration, utcDateTime } from './utc-time.ts';

export interface IncidentTemplateOptions {
  /** The incident whose facts fill the template; absent, only `values` and `fills` do. */
  state?: IncidentState;
  /** Time of writing (default: now); `DURATION` runs to it while the incident is open, to the resolution once resolved. */
  now?: Date;
  /** `${NAME}` values; they override the incident's own. */
  values?: Readonly<Record<string, string>>;
  /**
   * Answers for `[bracket]` slots (and `${NAME}`), keyed by the field's label
   * (`Impact` for `**Impact**: [Description of user-facing impact]`), the
   * bracket's text, or the variable's name; case and punctuation ignored.
   * They win over what the incident knows.
   */
  fills?: Readonly<Record<string, string>>;
  /** Names to mask in the output, e.g. the runbook's secret variables. */
  mask?: Iterable<string>;
  /** Overrides the phase derived from the journal. */
  phase?: IncidentPhase;
}

/**
 * Fills any template (status update, customer notice, review) the one way
 * every door uses. Variables an incident gives: `INCIDENT_ID`,
 * `INCIDENT_TITLE`, `SEVERITY` and `INCIDENT_SEVERITY` (`P1`),
 * `SEVERITY_LABEL` (`High`), `STATUS` (`Mitigating`), `START_TIME`,
 * `NEXT_UPDATE` (open) and `RESOLVED_AT` (resolved) as `2026-11-14 14:23 UTC`,
 * `DURATION` (`1h 5m`, live while open, total once resolved), `RESOLUTION`,
 * `ROOT_CAUSE`, `IMPACT`, and one per role (`INCIDENT_COMMANDER`,
 * `TECHNICAL_LEAD`, `COMMUNICATIONS_LEAD`, …). Brackets are filled by their
 * label or text when the incident knows the answer: status and severity
 * choices, duration or downtime, start time, issue, resolution, root cause,
 * impact, and role names; a role line's `@username` becomes the person.
 */
export function renderIncidentTemplate(template: Template | string, options: IncidentTemplateOptions = {}): RenderedTemplate {
  const text = typeof template === 'string' ? template : template?.text;
  if (typeof text !== 'string') throw new IncidentInputError('template', template, 'must be a template or its text');
  const state = options.state;
  const facts = state === undefined ? {} : incidentFacts(state, checkedNow(options.now), options.phase);
  const fills = normalizedFills(options.fills ?? {});
  const values: Record<string, string> = { ...facts.values };
  for (const [key, value] of Object.entries(options.fills ?? {})) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) values[key] = value;
  Object.assign(values, options.values);
  const withRoles = facts.roles === undefined ? text : fillRoleHandles(text, facts.roles);
  return renderTemplate(withRoles, values, {
    ...(options.mask === undefined ? {} : { mask: options.mask }),
    placeholders: (slot) => {
      const label = fieldLabel(slot.before);
      const given = fills.get(normalize(label)) ?? fills.get(normalize(slot.name));
      if (given !== undefined) return given;
      return facts.answer?.(slot, label);
    },
  });
}

interface IncidentFacts {
  values?: Record<string, string>;
  roles?: Map<string, string>;
  answer?: (slot: PlaceholderContext, label: string) => string | undefined;
}

function incidentFacts(state: IncidentState, now: Date, phaseOverride: IncidentPhase | undefined): IncidentFacts {
  const status = incidentStatus(state, now);
  const phaseWord = capitalize(phaseOverride ?? state.phase);
  const duration = humanDuration(status.elapsedMs);
  const values: Record<string, string> = { INCIDENT_ID: state.id, STATUS: phaseWord, DURATION: duration };
  const put = (name: string, value: string | undefined) => {
    if (value !== undefined) values[name] = value;
  };
  put('INCIDENT_TITLE', state.title);
  put('SEVERITY', state.severity);
  put('INCIDENT_SEVERITY', state.severity);
  put('SEVERITY_LABEL', status.severity?.label);
  const start = state.startedAt === undefined ? undefined : utcDateTime(new Date(state.startedAt));
  put('START_TIME', start);
  put('INCIDENT_STARTED_AT', state.startedAt);
  if (state.status === 'open' && status.nextUpdateDueAt !== undefined) put('NEXT_UPDATE', utcDateTime(new Date(status.nextUpdateDueAt)));
  if (state.status === 'resolved' && state.resolvedAt !== undefined) put('RESOLVED_AT', utcDateTime(new Date(state.resolvedAt)));
  put('RESOLUTION', state.resolution);
  const rootCause = rootCauseOf(state);
  const impact = impactOf(state);
  put('ROOT_CAUSE', rootCause);
  put('IMPACT', impact);
  const roles = new Map<string, string>();
  for (const [role, person] of Object.entries(incidentRoles(state))) {
    const title = ROLE_TITLES[role] ?? capitalize(role);
    roles.set(normalize(title), person);
    roles.set(normalize(role), person);
    put(title.toUpperCase().replace(/[^A-Z0-9]+/g, '_'), person);
  }
  const severityText = state.severity === undefined ? undefined : `${state.severity}${status.severity?.label ? ` (${status.severity.label})` : ''}`;
  const answer = (slot: PlaceholderContext, label: string): string | undefined => {
    const choice = choiceFor(slot, phaseWord, state.severity);
    if (choice !== undefined) return choice;
    const key = normalize(label);
    const inside = normalize(slot.name);
    const role = roles.get(key) ?? roles.get(inside);
    if (role !== undefined) return role;
    if (/duration|downtime/.test(key) || /downtime|duration/.test(inside)) return duration;
    if (/^(start(ed)?|starttime|began)$/.test(key) || /^(starttime|timeincustomerstimezone|time)$/.test(inside)) return start;
    if (/^(severity|level)$/.test(key)) return severityText;
    if (/^(current)?status$/.test(key)) return phaseWord;
    if (/^(issue|incident|incidenttitle|title)$/.test(key) || inside === 'incidenttitle') return state.title;
    if (/^resolution$/.test(key) || /whatwasdonetofixit|resolutionsummary/.test(inside)) return state.resolution;
    if (/^rootcause$/.test(key) || inside === 'rootcause') return rootCause;
    if (/impact$/.test(key)) return impact;
    if (/^(incidentid|id|incident#|ticket)$/.test(key) || inside === 'incidentid') return state.id;
    return undefined;
  };
  return { values, roles, answer };
}

/** `- Incident Commander: @username` lines name the person holding the role. */
function fillRoleHandles(text: string, roles: ReadonlyMap<string, string>): string {
  return text.replace(
    /^([ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?)([^:\n*_]+?)((?:\*\*|__)?:[ \t]*)@username\b/gim,
    (whole, lead: string, title: string, colon: string) => {
      const person = roles.get(normalize(title));
      return person === undefined ? whole : `${lead}${title}${colon}${handle(person)}`;
    },
  );
}

function handle(person: string): string {
  return /^[\w.-]+$/.test(person) ? `@${person}` : person;
}

/** The label of the field a bracket fills: `**Impact**: [..]` → `Impact`; empty when the bracket opens its line. */
function fieldLabel(before: string): string {
  // Plain string steps, not one regular expression: a long line of spaces must not cost its square.
  const line = before.slice(Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1).replace(/[*_]/g, '');
  let label = line.trim();
  if (label.endsWith(':')) label = label.slice(0, -1).trim();
  if (/^[-*+][ \t]/.test(label)) label = label.slice(2).trim();
  return label.includes(':') ? '' : label;
}

function normalizedFills(fills: Readonly<Record<string, string>>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of Object.entries(fills)) if (typeof value === 'string') map.set(normalize(key), value);
  return map;
}

/** Case, spaces and punctuation ignored: `Root Cause`, `root-cause` and `ROOT_CAUSE` are one key. */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}#]+/gu, '');
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
