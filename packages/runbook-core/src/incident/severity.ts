import type { Runbook, SeverityLevel } from '../model.ts';
import { IncidentInputError } from './incident-input-error.ts';

/**
 * The user's runbook's levels. Response times from "Severity Levels"; update
 * cadence: P0 every 15 min ("Executive Escalation (P0 incidents)"), P1 and P2
 * every 30 min (the status update template's "Next update: +30 minutes" and the
 * customer template's "updates every 30 minutes"), P3 none ("Internal tracking
 * only"). P3 has no response minutes: "next business day", see `responseDueAt`.
 */
export const DEFAULT_SEVERITIES: readonly SeverityLevel[] = Object.freeze([
  { id: 'P0', label: 'Critical', responseMinutes: 15, updateEveryMinutes: 15 },
  { id: 'P1', label: 'High', responseMinutes: 60, updateEveryMinutes: 30 },
  { id: 'P2', label: 'Medium', responseMinutes: 240, updateEveryMinutes: 30 },
  { id: 'P3', label: 'Low' },
]);

/** The runbook's `meta.severities` when it declares any, else the defaults. */
export function severityLevels(runbook?: Pick<Runbook, 'meta'>): SeverityLevel[] {
  const declared = runbook?.meta.severities;
  return (declared !== undefined && declared.length > 0 ? declared : DEFAULT_SEVERITIES).map((level) => ({ ...level }));
}

/** Finds a level by id or label, case-insensitively (`p1`, `High`); throws naming the value otherwise. */
export function resolveSeverity(value: unknown, levels: readonly SeverityLevel[] = DEFAULT_SEVERITIES, option = 'severity'): SeverityLevel {
  const known = levels.map((level) => level.id).join(', ');
  if (typeof value !== 'string' || value.trim() === '') throw new IncidentInputError(option, value, `must be one of ${known}`);
  const wanted = value.trim().toLowerCase();
  const level = levels.find((candidate) => candidate.id.toLowerCase() === wanted) ?? levels.find((candidate) => candidate.label?.toLowerCase() === wanted);
  if (level === undefined) throw new IncidentInputError(option, value, `is not one of ${known}`);
  return level;
}

/** Business days start at 09:00 UTC, Monday to Friday. */
const BUSINESS_DAY_START_HOUR = 9;

/**
 * When a first response is due: start + `responseMinutes`; for a level without
 * minutes ("next business day"), 09:00 UTC on the first weekday after the day
 * the incident started (a Friday start is due Monday 09:00).
 */
export function responseDueAt(level: SeverityLevel, startedAt: Date): Date {
  if (level.responseMinutes !== undefined) return new Date(startedAt.getTime() + level.responseMinutes * 60_000);
  const due = new Date(Date.UTC(startedAt.getUTCFullYear(), startedAt.getUTCMonth(), startedAt.getUTCDate() + 1, BUSINESS_DAY_START_HOUR));
  while (due.getUTCDay() === 0 || due.getUTCDay() === 6) due.setUTCDate(due.getUTCDate() + 1);
  return due;
}
