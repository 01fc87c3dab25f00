import { IncidentInputError } from './incident-input-error.ts';
import { padNumber } from './utc-time.ts';

/** The user's runbook names incidents `INC-$(date +%Y%m%d-%H%M)`; ours are the same, in UTC. */
export const DEFAULT_INCIDENT_ID_TEMPLATE = 'INC-{YYYY}{MM}{DD}-{HH}{mm}';

const MAX_ID_LENGTH = 96;
const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
// Names Windows reserves for devices, whatever the extension.
const reservedName = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * Checks an incident id from any source (a user, a pointer file, a folder name).
 * Ids become folder names, so only `[A-Za-z0-9_-]` is allowed, starting with a
 * letter or digit: no separators, no dots, no control characters.
 */
export function assertIncidentId(id: unknown, option = 'incident id'): asserts id is string {
  const reason = incidentIdProblem(id);
  if (reason !== undefined) throw new IncidentInputError(option, id, reason);
}

export function isIncidentId(id: unknown): id is string {
  return incidentIdProblem(id) === undefined;
}

function incidentIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string') return `must be a string, got ${typeof id}`;
  if (id === '') return 'is empty';
  if (/[\u0000-\u001f\u007f]/.test(id)) return 'contains a control character';
  if (id.includes('/') || id.includes('\\')) return 'contains a path separator';
  if (id.includes('..')) return "contains '..'";
  if (id.length > MAX_ID_LENGTH) return `is longer than ${MAX_ID_LENGTH} characters`;
  if (!idPattern.test(id)) return "may contain only letters, digits, '-' and '_', and must start with a letter or digit";
  if (reservedName.test(id)) return 'is a reserved device name on Windows';
  return undefined;
}

const tokenValue: Record<string, (date: Date) => string> = {
  YYYY: (date) => padNumber(date.getUTCFullYear(), 4),
  YY: (date) => padNumber(date.getUTCFullYear() % 100),
  MM: (date) => padNumber(date.getUTCMonth() + 1),
  DD: (date) => padNumber(date.getUTCDate()),
  HH: (date) => padNumber(date.getUTCHours()),
  mm: (date) => padNumber(date.getUTCMinutes()),
  ss: (date) => padNumber(date.getUTCSeconds()),
};
// `date +FORMAT` spellings, so a template can be copied from a shell script.
const strftimeToken: Record<string, string> = { Y: 'YYYY', y: 'YY', m: 'MM', d: 'DD', H: 'HH', M: 'mm', S: 'ss' };

/**
 * Formats an id from a template at `date` (UTC). Tokens: `{YYYY}` `{YY}` `{MM}`
 * `{DD}` `{HH}` `{mm}` `{ss}`, or their `date` spellings `%Y %y %m %d %H %M %S`.
 */
export function formatIncidentId(template: string, date: Date): string {
  if (typeof template !== 'string') throw new IncidentInputError('incident id template', template, 'must be a string');
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new IncidentInputError('now', date, 'is not a valid date');
  const id = template.replace(/\{([A-Za-z]+)\}|%(.)/g, (token, braced: string | undefined, percent: string | undefined) => {
    if (percent === '%') return '%';
    const name = braced ?? strftimeToken[percent ?? ''];
    const format = name === undefined ? undefined : tokenValue[name];
    if (format === undefined) {
      throw new IncidentInputError(
        'incident id template',
        template,
        `uses the unknown token '${token}' (known: {YYYY} {YY} {MM} {DD} {HH} {mm} {ss} %Y %y %m %d %H %M %S)`,
      );
    }
    return format(date);
  });
  const reason = incidentIdProblem(id);
  if (reason !== undefined) throw new IncidentInputError('incident id template', template, `gives the id '${id}', which ${reason}`);
  return id;
}
