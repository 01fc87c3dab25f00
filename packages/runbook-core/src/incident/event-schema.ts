import type { JournalEventType } from './journal-event.ts';
import { isIsoUtc } from './utc-time.ts';

/** One field's rule; `?` in the table below marks it optional. */
type FieldKind =
  | 'text'
  | 'id'
  | 'time'
  | 'boolean'
  | 'exit-code'
  | 'duration'
  | 'indexes'
  | 'risk'
  | 'phase'
  | 'severity-levels'
  | 'failed-commands'
  | 'milestone'
  | 'texts'
  | 'count';

/** The journal's schema as data: every known type and its fields beyond the base. */
export const eventFields: Record<JournalEventType, Record<string, `${FieldKind}` | `${FieldKind}?`>> = {
  started: { incidentId: 'id', title: 'text', severity: 'id', severities: 'severity-levels', runbook: 'text?', drill: 'boolean?', duplicateOf: 'id?' },
  'detected-at': { at: 'time' },
  acknowledged: {},
  'step-started': { stepId: 'id', stepName: 'text?', commands: 'indexes?', risk: 'risk?', logFile: 'text?', runnerPid: 'exit-code?', runnerHost: 'text?' },
  'step-finished': {
    stepId: 'id',
    stepName: 'text?',
    commands: 'indexes?',
    risk: 'risk?',
    exitCode: 'exit-code?',
    signal: 'id?',
    durationMs: 'duration',
    timedOut: 'boolean',
    canceled: 'boolean',
    logFile: 'text?',
    interrupted: 'text?',
    failedCommands: 'failed-commands?',
    logTruncatedAt: 'exit-code?',
    logIncomplete: 'text?',
  },
  'step-refused': { stepId: 'id', stepName: 'text?', commands: 'indexes?', risk: 'risk?', reason: 'text' },
  'checklist-ticked': { itemId: 'id', text: 'text' },
  'checklist-unticked': { itemId: 'id', text: 'text' },
  note: { text: 'text' },
  'severity-changed': { from: 'id', to: 'id', reason: 'text?' },
  'variable-set': { name: 'id', secret: 'boolean', value: 'text?' },
  'status-update': { phase: 'phase?', text: 'text?' },
  resolved: { summary: 'text?', causeCategory: 'id?', customerImpact: 'text?' },
  reopened: { reason: 'text?' },
  'context-pinned': { context: 'id', namespace: 'text?', stepId: 'text?' },
  assigned: { role: 'id', person: 'id', previous: 'id?' },
  cancelled: { reason: 'id' },
  marked: { milestone: 'milestone', at: 'time' },
  notified: { target: 'id', channel: 'text?', about: 'id', ok: 'boolean', attempts: 'exit-code', error: 'text?' },
  'approval-requested': {
    requestId: 'id',
    stepId: 'id',
    stepName: 'text?',
    commands: 'texts',
    values: 'texts',
    risk: 'risk',
    context: 'text?',
    namespace: 'text?',
    digest: 'id',
    required: 'count',
    expiresAt: 'time',
    rule: 'text',
  },
  'approval-granted': { requestId: 'id', digest: 'id' },
  'approval-denied': { requestId: 'id', reason: 'text' },
  'approval-expired': { requestId: 'id' },
  'approval-withdrawn': { requestId: 'id', reason: 'text' },
};

/** Every milestone `marked` accepts, in lifecycle order. */
export const MILESTONES = ['impact-started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const;

export const baseFields = { v: 'version', eventId: 'id', time: 'time', who: 'text', type: 'id' } as const;

export function isKnownEventType(type: string): type is JournalEventType {
  return Object.hasOwn(eventFields, type);
}

/** Why `value` breaks the rule, or `undefined` when it keeps it. */
export function fieldProblem(kind: FieldKind, value: unknown): string | undefined {
  switch (kind) {
    case 'text':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'id':
      return typeof value === 'string' && value !== '' ? undefined : 'must be a non-empty string';
    case 'time':
      return isIsoUtc(value) ? undefined : 'must be an ISO-8601 UTC time like 2026-11-14T14:23:00.000Z';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'exit-code':
      return Number.isInteger(value) ? undefined : 'must be an integer';
    case 'duration':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? undefined : 'must be a number of milliseconds, 0 or more';
    case 'indexes':
      return Array.isArray(value) && value.every((index) => Number.isInteger(index) && index >= 0) ? undefined : 'must be a list of 0-based indexes';
    case 'risk':
      return value === 'read' || value === 'mutate' || value === 'destroy' ? undefined : "must be 'read', 'mutate' or 'destroy'";
    case 'phase':
      return value === 'investigating' || value === 'mitigating' || value === 'resolved' ? undefined : "must be 'investigating', 'mitigating' or 'resolved'";
    case 'severity-levels':
      return Array.isArray(value) && value.length > 0 && value.every(isSeverityLevel) ? undefined : 'must be a non-empty list of severity levels';
    case 'milestone':
      return typeof value === 'string' && (MILESTONES as readonly string[]).includes(value) ? undefined : `must be one of ${MILESTONES.join(', ')}`;
    case 'texts':
      return Array.isArray(value) && value.every((entry) => typeof entry === 'string') ? undefined : 'must be a list of strings';
    case 'count':
      return Number.isInteger(value) && (value as number) >= 1 ? undefined : 'must be a whole number, 1 or more';
    case 'failed-commands':
      return Array.isArray(value) && value.every(isFailedCommand) ? undefined : 'must be a list of { number, line, exitCode } (numbers and lines from 1)';
  }
}

function isFailedCommand(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { number, line, exitCode } = value as Record<string, unknown>;
  return Number.isInteger(number) && (number as number) >= 1 && Number.isInteger(line) && (line as number) >= 1 && Number.isInteger(exitCode);
}

function isSeverityLevel(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const level = value as Record<string, unknown>;
  const minutes = (field: unknown) => field === undefined || (typeof field === 'number' && Number.isFinite(field) && field > 0);
  return (
    typeof level.id === 'string' &&
    level.id !== '' &&
    (level.label === undefined || typeof level.label === 'string') &&
    minutes(level.responseMinutes) &&
    minutes(level.updateEveryMinutes)
  );
}
