import type { IncidentMetrics, IncidentSummary, MeanDuration } from '../incident/index.ts';
import { printable } from '../text/printable.ts';

/** `runbook incident report` as text: the figures, then what was left out and why. Byte-stable for the same journals and time. */
export function formatMetrics(metrics: IncidentMetrics): string {
  const range = metrics.month ?? `${metrics.from.slice(0, 10)} to ${new Date(Date.parse(metrics.to) - 1).toISOString().slice(0, 10)}`;
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([key, count]) => `${key} ${count}`)
      .join(', ') || 'none';
  const excluded = metrics.excluded;
  const apart = [
    excluded.drills.length > 0 ? `drills ${excluded.drills.join(', ')}` : '',
    excluded.duplicates.length > 0 ? `duplicates ${excluded.duplicates.join(', ')}` : '',
    excluded.cancelled.length > 0 ? `cancelled ${excluded.cancelled.join(', ')}` : '',
  ].filter(Boolean);
  const lines = [
    `Incidents declared in ${range}: ${metrics.total} (${metrics.resolved} resolved, ${metrics.open} open)`,
    `  by severity:        ${counts(metrics.bySeverity)}`,
    `  by cause category:  ${counts(metrics.byCauseCategory)}`,
    `  customer impact:    ${metrics.customerImpact.incidents}${metrics.customerImpact.ids.length > 0 ? ` (${metrics.customerImpact.ids.join(', ')})` : ''}`,
    `  SLA breaches:       ${metrics.slaBreaches.count}${metrics.slaBreaches.ids.length > 0 ? ` (${metrics.slaBreaches.ids.join(', ')})` : ''} — first response later than the severity's response time`,
    `  MTTD ${minutes(metrics.mttd)} · MTTA ${minutes(metrics.mtta)} · MTTM ${minutes(metrics.mttm)}`,
    `  MTTR ${minutes(metrics.mttr)} · MTBF ${minutes(metrics.mtbf)}`,
    `  left out: ${apart.length === 0 ? 'none' : apart.join('; ')}`,
    ...metrics.openIds.map((id) => `  still open: ${id}`),
    ...metrics.skipped.map((entry) => `  skipped ${entry.id}: ${entry.reason}`),
    '  (samples in brackets; definitions: docs/metrics.md)',
  ];
  return `${lines.join('\n')}\n`;
}

function minutes(mean: MeanDuration): string {
  return mean.meanMinutes === null ? 'n/a' : `${mean.meanMinutes} min (${mean.samples})`;
}

const columns: (keyof IncidentSummary)[] = [
  'id',
  'severity',
  'status',
  'excluded',
  'duplicateOf',
  'startedAt',
  'impactStartedAt',
  'detectedAt',
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
  'timeToDetect',
  'timeToAcknowledge',
  'timeToMitigate',
  'timeToResolve',
  'responseDueAt',
  'slaBreached',
  'causeCategory',
  'customerImpact',
  'title',
];

/** One row per incident in the range (RFC 4180 quoting), counted or not: `excluded` says which are left out. */
export function metricsCsv(metrics: IncidentMetrics): string {
  const rows = metrics.incidents.map((incident) => columns.map((column) => csvField(incident[column])).join(','));
  return `${[columns.join(','), ...rows].join('\r\n')}\r\n`;
}

function csvField(value: unknown): string {
  if (value === undefined) return '';
  const text = printable(String(value));
  // A leading = + - @ would be a formula in a spreadsheet: quote it with a tick.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
