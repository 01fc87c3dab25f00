import { checkedNow } from './create-event.ts';
import { IncidentInputError } from './incident-input-error.ts';
import type { IncidentState } from './incident-state.ts';
import { responseDueAt } from './severity.ts';
import { padNumber } from './utc-time.ts';

export interface MeanDuration {
  /** Mean in minutes, two decimals; `null` without samples. */
  meanMinutes: number | null;
  samples: number;
}

/** One incident's moments and intervals, as the report counts them. */
export interface IncidentSummary {
  id: string;
  title?: string;
  severity?: string;
  status: 'open' | 'resolved' | 'cancelled';
  /** Why it is left out of the means and counts, if it is. */
  excluded?: 'drill' | 'duplicate' | 'cancelled';
  duplicateOf?: string;
  startedAt: string;
  impactStartedAt?: string;
  detectedAt?: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  causeCategory?: string;
  customerImpact?: string;
  /** Minutes, two decimals; absent when a moment is missing. */
  timeToDetect?: number;
  timeToAcknowledge?: number;
  timeToMitigate?: number;
  timeToResolve?: number;
  /** When the first response was due at its severity; `slaBreached` when it came later (or not at all by the report). */
  responseDueAt?: string;
  slaBreached: boolean;
}

export interface IncidentMetrics {
  /** `YYYY-MM` when the range is a month. */
  month?: string;
  /** Inclusive start and exclusive end of the range, UTC. */
  from: string;
  to: string;
  generatedAt: string;
  /** Incidents declared in the range and counted (drills, duplicates, cancelled left out). */
  total: number;
  resolved: number;
  /** Counted and still open when the report was made. */
  open: number;
  openIds: string[];
  /** Severity at the end (after changes) → count; every known level appears, with 0 when none. */
  bySeverity: Record<string, number>;
  /** Root-cause category given at resolve → count; resolved without one: `uncategorised`. */
  byCauseCategory: Record<string, number>;
  /** Counted incidents whose resolution recorded a customer impact. */
  customerImpact: { incidents: number; ids: string[] };
  mttd: MeanDuration;
  mtta: MeanDuration;
  mttm: MeanDuration;
  mttr: MeanDuration;
  mtbf: MeanDuration;
  /** First responses later than the severity's response time. */
  slaBreaches: { count: number; ids: string[] };
  /** Declared in the range but left out of every figure above, by why. */
  excluded: { drills: string[]; duplicates: string[]; cancelled: string[] };
  incidents: IncidentSummary[];
  /** Journals that could not be counted (no valid start), with the reason. */
  skipped: { id: string; reason: string }[];
  /** The formulas, so the numbers explain themselves in the JSON. */
  definitions: typeof METRIC_DEFINITIONS;
}

/** See docs/metrics.md for the sources. */
export const METRIC_DEFINITIONS = Object.freeze({
  impactStart: 'the impact-started mark, else the detection, else the declaration (incident start)',
  detection: 'the detected mark or --detected-at, else the declaration',
  acknowledgement: 'the acknowledged mark or event, else the first action by a person after the declaration',
  mttd: 'mean of (detection - impact start) over counted incidents with an impact-started mark',
  mtta: 'mean of (acknowledgement - detection) over counted incidents with an acknowledgement',
  mttm: 'mean of (mitigated mark - impact start) over counted incidents marked mitigated',
  mttr: 'mean of (resolution - impact start) over counted resolved incidents',
  mtbf: 'mean of (impact start - the previous incident’s resolution) over consecutive counted incidents, the previous one resolved',
  slaBreach: "acknowledgement after declaration + the severity's response time (or none by the report's time)",
  counted: 'declared (started) in the range, not a drill, not a duplicate, not cancelled',
});

export interface DateRange {
  /** `YYYY-MM` when the range is one month. */
  month?: string;
  from: Date;
  /** Exclusive. */
  to: Date;
}

/** Checks `YYYY-MM` (like `date +%Y-%m`) and gives the month's UTC range. */
export function parseMonth(month: unknown): DateRange & { month: string } {
  if (typeof month !== 'string') throw new IncidentInputError('month', month, 'must be YYYY-MM, e.g. 2026-11');
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (match === null) throw new IncidentInputError('month', month, 'must be YYYY-MM, e.g. 2026-11');
  const year = Number(match[1]);
  const monthNumber = Number(match[2]);
  if (monthNumber < 1 || monthNumber > 12) throw new IncidentInputError('month', month, `has no month ${monthNumber} (01 to 12)`);
  return { month, from: new Date(Date.UTC(year, monthNumber - 1, 1)), to: new Date(Date.UTC(year, monthNumber, 1)) };
}

/** A month's range. */
export type MonthRange = DateRange & { month: string };

/** `YYYY-MM-DD`, UTC midnight; `to` days are inclusive, so the range ends the next midnight. */
export function parseDay(value: unknown, option: 'from' | 'to'): Date {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const date = match === null ? new Date(Number.NaN) : new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (option === 'to' ? 1 : 0)));
  if (
    Number.isNaN(date.getTime()) ||
    match === null ||
    padNumber(Number(match[2])) !== match[2] ||
    (option === 'from' && date.getUTCDate() !== Number(match[3]))
  ) {
    throw new IncidentInputError(option, value, 'must be a day YYYY-MM-DD, e.g. 2026-11-01');
  }
  return date;
}

export interface IncidentMetricsOptions {
  /** `YYYY-MM`, UTC (default: the month of `now`, unless `from`/`to` are given). */
  month?: string;
  /** First day `YYYY-MM-DD` (default: the start of time when only `to` is given). */
  from?: string;
  /** Last day `YYYY-MM-DD`, inclusive (default: today). */
  to?: string;
  /** Report time (default: now). */
  now?: Date;
}

/** The range a report covers: a month, or days from/to. */
export function reportRange(options: IncidentMetricsOptions): DateRange {
  const now = checkedNow(options.now);
  if (options.month !== undefined && (options.from !== undefined || options.to !== undefined)) {
    throw new IncidentInputError('month', options.month, 'cannot be combined with from/to');
  }
  if (options.from === undefined && options.to === undefined) {
    return parseMonth(options.month ?? `${now.getUTCFullYear()}-${padNumber(now.getUTCMonth() + 1)}`);
  }
  const from = options.from === undefined ? new Date(0) : parseDay(options.from, 'from');
  const to = options.to === undefined ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)) : parseDay(options.to, 'to');
  if (to.getTime() <= from.getTime()) throw new IncidentInputError('to', options.to, `is before from (${options.from})`);
  return { from, to };
}

/** Incident metrics over replayed journals: incidents declared in the range, by the definitions above. */
export function incidentMetrics(states: readonly IncidentState[], options: IncidentMetricsOptions = {}): IncidentMetrics {
  const range = reportRange(options);
  const now = checkedNow(options.now);
  const skipped: IncidentMetrics['skipped'] = [];
  const inRange: (IncidentState & { startedAt: string })[] = [];
  for (const state of states) {
    if (state.startedAt === undefined) {
      skipped.push({ id: state.id, reason: "the journal has no valid 'started' event" });
      continue;
    }
    const started = Date.parse(state.startedAt);
    if (started >= range.from.getTime() && started < range.to.getTime()) inRange.push({ ...state, startedAt: state.startedAt });
  }
  inRange.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.id.localeCompare(b.id));
  const summaries = inRange.map((state) => summarize(state, now));
  const counted = summaries.filter((entry) => entry.excluded === undefined);

  const bySeverity: Record<string, number> = {};
  for (const state of inRange) for (const level of state.severities) bySeverity[level.id] ??= 0;
  for (const entry of counted) bySeverity[entry.severity ?? 'unknown'] = (bySeverity[entry.severity ?? 'unknown'] ?? 0) + 1;
  const byCauseCategory: Record<string, number> = {};
  for (const entry of counted) {
    if (entry.status !== 'resolved') continue;
    const key = entry.causeCategory ?? 'uncategorised';
    byCauseCategory[key] = (byCauseCategory[key] ?? 0) + 1;
  }
  const open = counted.filter((entry) => entry.status === 'open');
  const impacted = counted.filter((entry) => entry.customerImpact !== undefined);
  const breaches = counted.filter((entry) => entry.slaBreached);
  const ids = (kind: IncidentSummary['excluded']) => summaries.filter((entry) => entry.excluded === kind).map((entry) => entry.id);
  const samples = (field: 'timeToDetect' | 'timeToAcknowledge' | 'timeToMitigate' | 'timeToResolve') =>
    mean(counted.flatMap((entry) => (entry[field] === undefined ? [] : [entry[field]])));

  return {
    ...(range.month === undefined ? {} : { month: range.month }),
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    generatedAt: now.toISOString(),
    total: counted.length,
    resolved: counted.length - open.length,
    open: open.length,
    openIds: open.map((entry) => entry.id),
    bySeverity,
    byCauseCategory,
    customerImpact: { incidents: impacted.length, ids: impacted.map((entry) => entry.id) },
    mttd: samples('timeToDetect'),
    mtta: samples('timeToAcknowledge'),
    mttm: samples('timeToMitigate'),
    mttr: samples('timeToResolve'),
    mtbf: mean(
      counted.slice(1).flatMap((entry, index) => {
        const previous = counted[index];
        return previous?.resolvedAt === undefined ? [] : [minutesBetween(previous.resolvedAt, impactStart(entry))];
      }),
    ),
    slaBreaches: { count: breaches.length, ids: breaches.map((entry) => entry.id) },
    excluded: { drills: ids('drill'), duplicates: ids('duplicate'), cancelled: ids('cancelled') },
    incidents: summaries,
    skipped,
    definitions: { ...METRIC_DEFINITIONS },
  };
}

function summarize(state: IncidentState & { startedAt: string }, now: Date): IncidentSummary {
  const status: IncidentSummary['status'] = state.cancelled ? 'cancelled' : state.status;
  const excluded: IncidentSummary['excluded'] = state.cancelled
    ? 'cancelled'
    : state.drill
      ? 'drill'
      : state.duplicateOf !== undefined
        ? 'duplicate'
        : undefined;
  const impact = state.impactStartedAt ?? state.detectedAt ?? state.startedAt;
  const detection = state.detectedAt ?? state.startedAt;
  const acknowledgement = state.acknowledgedAt ?? state.respondedAt;
  const level = state.severities.find((candidate) => candidate.id === state.severity);
  const due = level === undefined ? undefined : responseDueAt(level, new Date(state.startedAt)).toISOString();
  const resolved = status === 'resolved' ? state.resolvedAt : undefined;
  const answeredBy = acknowledgement ?? (status === 'open' ? now.toISOString() : undefined);
  const entry: IncidentSummary = {
    id: state.id,
    ...optional('title', state.title),
    ...optional('severity', state.severity),
    status,
    ...optional('excluded', excluded),
    ...optional('duplicateOf', state.duplicateOf),
    startedAt: state.startedAt,
    ...optional('impactStartedAt', state.impactStartedAt),
    ...optional('detectedAt', state.detectedAt),
    ...optional('acknowledgedAt', acknowledgement),
    ...optional('mitigatedAt', state.mitigatedAt),
    ...optional('resolvedAt', resolved),
    ...optional('causeCategory', state.causeCategory),
    ...optional('customerImpact', state.customerImpact),
    ...optional('timeToDetect', state.impactStartedAt === undefined ? undefined : minutesBetween(impact, detection)),
    ...optional('timeToAcknowledge', acknowledgement === undefined ? undefined : minutesBetween(detection, acknowledgement)),
    ...optional('timeToMitigate', state.mitigatedAt === undefined ? undefined : minutesBetween(impact, state.mitigatedAt)),
    ...optional('timeToResolve', resolved === undefined ? undefined : minutesBetween(impact, resolved)),
    ...optional('responseDueAt', due),
    slaBreached: due !== undefined && answeredBy !== undefined && Date.parse(answeredBy) > Date.parse(due),
  };
  return entry;
}

function impactStart(entry: IncidentSummary): string {
  return entry.impactStartedAt ?? entry.detectedAt ?? entry.startedAt;
}

function minutesBetween(start: string, end: string): number {
  return Math.round(((Date.parse(end) - Date.parse(start)) / 60_000) * 100) / 100;
}

function mean(samples: number[]): MeanDuration {
  if (samples.length === 0) return { meanMinutes: null, samples: 0 };
  const total = samples.reduce((sum, sample) => sum + sample, 0);
  return { meanMinutes: Math.round((total / samples.length) * 100) / 100, samples: samples.length };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
