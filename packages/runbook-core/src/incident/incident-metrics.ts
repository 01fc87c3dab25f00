import { checkedNow } from './create-event.ts';
import { IncidentInputError } from './incident-input-error.ts';
import type { IncidentState } from './incident-state.ts';

export interface MeanDuration {
  /** Mean in minutes, two decimals; `null` without samples. */
  meanMinutes: number | null;
  samples: number;
}

export interface IncidentSummary {
  id: string;
  title?: string;
  severity?: string;
  status: IncidentState['status'];
  startedAt: string;
  detectedAt?: string;
  resolvedAt?: string;
}

export interface IncidentMetrics {
  /** `YYYY-MM`. */
  month: string;
  /** Inclusive start and exclusive end of the month, UTC. */
  from: string;
  to: string;
  generatedAt: string;
  /** Incidents started in the month. */
  total: number;
  resolved: number;
  /** Started in the month and still open when the report was made. */
  open: number;
  openIds: string[];
  /** Final severity (after changes) → count; every known level appears, with 0 when none. */
  bySeverity: Record<string, number>;
  mttd: MeanDuration;
  mttr: MeanDuration;
  mtbf: MeanDuration;
  incidents: IncidentSummary[];
  /** Journals that could not be counted (no valid start), with the reason. */
  skipped: { id: string; reason: string }[];
  /** The formulas, so the numbers explain themselves in the JSON. */
  definitions: { mttd: string; mttr: string; mtbf: string };
}

export const METRIC_DEFINITIONS = Object.freeze({
  mttd: 'mean of (startedAt - detectedAt) over incidents started in the month that recorded a detection time',
  mttr: 'mean of (resolvedAt - startedAt) over incidents started in the month and resolved',
  mtbf: 'mean gap between the starts of consecutive incidents started in the month (needs two or more)',
});

export interface MonthRange {
  month: string;
  from: Date;
  to: Date;
}

/** Checks `YYYY-MM` (like `date +%Y-%m`) and gives the month's UTC range. */
export function parseMonth(month: unknown): MonthRange {
  if (typeof month !== 'string') throw new IncidentInputError('month', month, 'must be YYYY-MM, e.g. 2026-11');
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (match === null) throw new IncidentInputError('month', month, 'must be YYYY-MM, e.g. 2026-11');
  const year = Number(match[1]);
  const monthNumber = Number(match[2]);
  if (monthNumber < 1 || monthNumber > 12) throw new IncidentInputError('month', month, `has no month ${monthNumber} (01 to 12)`);
  return { month, from: new Date(Date.UTC(year, monthNumber - 1, 1)), to: new Date(Date.UTC(year, monthNumber, 1)) };
}

export interface IncidentMetricsOptions {
  /** `YYYY-MM`, UTC. */
  month: string;
  /** Report time (default: now). */
  now?: Date;
}

/** Monthly incident metrics over replayed journals, like `incident_metrics.py --month 2026-11`. */
export function incidentMetrics(states: readonly IncidentState[], options: IncidentMetricsOptions): IncidentMetrics {
  const { month, from, to } = parseMonth(options.month);
  const generatedAt = checkedNow(options.now).toISOString();
  const skipped: IncidentMetrics['skipped'] = [];
  const inMonth: (IncidentState & { startedAt: string })[] = [];
  for (const state of states) {
    if (state.startedAt === undefined) {
      skipped.push({ id: state.id, reason: "the journal has no valid 'started' event" });
      continue;
    }
    const started = Date.parse(state.startedAt);
    if (started >= from.getTime() && started < to.getTime()) inMonth.push({ ...state, startedAt: state.startedAt });
  }
  inMonth.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.id.localeCompare(b.id));

  const bySeverity: Record<string, number> = {};
  for (const state of inMonth) for (const level of state.severities) bySeverity[level.id] ??= 0;
  for (const state of inMonth) {
    const key = state.severity ?? 'unknown';
    bySeverity[key] = (bySeverity[key] ?? 0) + 1;
  }
  const open = inMonth.filter((state) => state.status === 'open');
  const minutesBetween = (start: string, end: string) => (Date.parse(end) - Date.parse(start)) / 60_000;
  const starts = inMonth.map((state) => state.startedAt);

  return {
    month,
    from: from.toISOString(),
    to: to.toISOString(),
    generatedAt,
    total: inMonth.length,
    resolved: inMonth.length - open.length,
    open: open.length,
    openIds: open.map((state) => state.id),
    bySeverity,
    mttd: mean(inMonth.flatMap((state) => (state.detectedAt === undefined ? [] : [minutesBetween(state.detectedAt, state.startedAt)]))),
    mttr: mean(
      inMonth.flatMap((state) => (state.status === 'resolved' && state.resolvedAt !== undefined ? [minutesBetween(state.startedAt, state.resolvedAt)] : [])),
    ),
    mtbf: mean(starts.slice(1).map((start, index) => minutesBetween(starts[index] ?? start, start))),
    incidents: inMonth.map(summary),
    skipped,
    definitions: { ...METRIC_DEFINITIONS },
  };
}

function mean(samples: number[]): MeanDuration {
  if (samples.length === 0) return { meanMinutes: null, samples: 0 };
  const total = samples.reduce((sum, sample) => sum + sample, 0);
  return { meanMinutes: Math.round((total / samples.length) * 100) / 100, samples: samples.length };
}

function summary(state: IncidentState & { startedAt: string }): IncidentSummary {
  return {
    id: state.id,
    ...(state.title === undefined ? {} : { title: state.title }),
    ...(state.severity === undefined ? {} : { severity: state.severity }),
    status: state.status,
    startedAt: state.startedAt,
    ...(state.detectedAt === undefined ? {} : { detectedAt: state.detectedAt }),
    ...(state.resolvedAt === undefined ? {} : { resolvedAt: state.resolvedAt }),
  };
}
