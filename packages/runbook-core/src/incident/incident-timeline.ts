import type { IncidentState } from './incident-state.ts';
import type { JournalEvent, JournalStepFinishedEvent, JournalStepStartedEvent } from './journal-event.ts';
import { humanDuration, utcClock, utcDate } from './utc-time.ts';
import { commandNumber } from '../run/command-number.ts';
import { ROLE_TITLES } from './incident-findings.ts';
import type { ApprovalEvent, IgnoredApproval } from './approval-state.ts';

/** One row of the post-incident review's "Timeline of Events". */
export interface TimelineRow {
  /** ISO-8601 UTC. */
  time: string;
  event: string;
  action: string;
  who: string;
  /** The journal event type the row comes from. */
  source: JournalEvent['type'];
}

/**
 * The meaningful events as rows, in time order: a step's start and finish make
 * one row (at its start), variables are left out, everything else is one row.
 */
export function incidentTimeline(state: IncidentState): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const openSteps = new Map<string, { row: TimelineRow; started: JournalStepStartedEvent }>();
  for (const event of state.events) {
    const row = (time: string, what: string, action: string): TimelineRow => {
      const made: TimelineRow = { time, event: what, action, who: event.who, source: event.type };
      rows.push(made);
      return made;
    };
    switch (event.type) {
      case 'started':
        row(event.time, event.title, `Incident declared (${event.severity}${labelOf(state, event.severity)})`);
        break;
      case 'detected-at':
        row(event.at, 'Problem detected', 'Detection time recorded');
        break;
      case 'acknowledged':
        row(event.time, 'Incident acknowledged', 'Response started');
        break;
      case 'step-started':
        openSteps.set(event.stepId, { row: row(event.time, 'Step started, no result recorded', ranStep(event)), started: event });
        break;
      case 'step-finished': {
        const open = openSteps.get(event.stepId);
        openSteps.delete(event.stepId);
        const target = open?.row ?? row(event.time, '', ranStep(event));
        target.event = stepOutcome(event);
        target.source = 'step-finished';
        break;
      }
      case 'step-refused':
        row(event.time, `Step not run: ${event.reason}`, `Declined ${stepLabel(event)}`);
        break;
      case 'checklist-ticked':
        row(event.time, 'Checklist item done', event.text);
        break;
      case 'checklist-unticked':
        row(event.time, 'Checklist item reopened', event.text);
        break;
      case 'note':
        row(event.time, event.text, 'Note');
        break;
      case 'severity-changed':
        row(event.time, `Severity ${event.from} → ${event.to}${labelOf(state, event.to)}`, event.reason ?? 'Severity changed');
        break;
      case 'status-update':
        row(event.time, `Status update${event.phase === undefined ? '' : `: ${capitalize(event.phase)}`}`, event.text ?? 'Stakeholders updated');
        break;
      case 'resolved':
        row(event.time, 'Incident resolved', event.summary ?? 'Resolved');
        break;
      case 'reopened':
        row(event.time, 'Incident reopened', event.reason ?? 'Reopened');
        break;
      case 'assigned':
        row(event.time, `${roleTitle(event.role)}: ${event.person}`, event.previous === undefined ? 'Role assigned' : `Handed over from ${event.previous}`);
        break;
      case 'marked':
        row(event.at, `${capitalize(event.milestone.replace(/-/g, ' '))}`, 'Time recorded');
        break;
      case 'cancelled':
        row(event.time, 'Incident cancelled', event.reason);
        break;
      case 'approval-requested':
        row(
          event.time,
          `Approval requested (${event.required} of others, ${event.risk}${event.context === undefined ? '' : `, context ${event.context}`})`,
          `Asked to run "${event.stepName ?? event.stepId}" (request ${event.requestId})`,
        );
        break;
      case 'approval-granted':
      case 'approval-denied':
      case 'approval-expired':
      case 'approval-withdrawn':
        row(event.time, approvalOutcome(state, event), approvalSubject(state, event.requestId));
        break;
      case 'variable-set':
      case 'context-pinned':
        break;
    }
  }
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => Date.parse(a.row.time) - Date.parse(b.row.time) || a.index - b.index)
    .map(({ row }) => row);
}

/**
 * The rows as the review template's Markdown table. Times are `HH:MM` UTC, with
 * the date in front (`2026-11-14 23:58`) when the rows span more than one day.
 */
export function formatTimelineTable(rows: readonly TimelineRow[]): string {
  const days = new Set(rows.map((row) => utcDate(new Date(row.time))));
  const when = (time: string) => {
    const date = new Date(time);
    return days.size > 1 ? `${utcDate(date)} ${utcClock(date)}` : utcClock(date);
  };
  const lines = [
    '| Time (UTC) | Event | Action Taken | Team Member |',
    '|------------|-------|--------------|-------------|',
    ...rows.map((row) => `| ${when(row.time)} | ${cell(row.event)} | ${cell(row.action)} | ${cell(handle(row.who))} |`),
  ];
  return `${lines.join('\n')}\n`;
}

function approvalOutcome(state: IncidentState, event: Exclude<ApprovalEvent, { type: 'approval-requested' }>): string {
  switch (event.type) {
    case 'approval-granted': {
      const ignored = state.approvals.get(event.requestId)?.ignored.find((entry) => entry.who === event.who && entry.time === event.time);
      return ignored === undefined ? 'Approved' : `Approval not counted: ${ignoredReasons[ignored.reason]}`;
    }
    case 'approval-denied':
      return `Approval denied: ${event.reason}`;
    case 'approval-expired':
      return 'Approval request expired';
    case 'approval-withdrawn':
      return `Approval request withdrawn: ${event.reason}`;
  }
}

const ignoredReasons: Record<IgnoredApproval['reason'], string> = {
  'self-approval': 'the requester cannot approve their own request',
  'digest-mismatch': 'it was for other commands or values than requested',
  'after-expiry': 'the request had expired',
  'already-decided': 'the request was already decided',
  twice: 'the same person approved twice',
};

function approvalSubject(state: IncidentState, requestId: string): string {
  const request = state.approvals.get(requestId);
  return `"${request?.stepName ?? request?.stepId ?? 'unknown step'}" (request ${requestId})`;
}

function stepOutcome(event: JournalStepFinishedEvent): string {
  const log =
    event.logIncomplete !== undefined
      ? ` (log incomplete: ${event.logIncomplete})`
      : event.logTruncatedAt !== undefined
        ? ` (log truncated at ${event.logTruncatedAt} bytes)`
        : '';
  return `${stepEnding(event)}${log}`;
}

function stepEnding(event: JournalStepFinishedEvent): string {
  const took = humanDuration(event.durationMs);
  if (event.timedOut) return `Step timed out after ${took}`;
  if (event.canceled) return `Step canceled after ${took}`;
  if (event.signal !== undefined) return `Step killed by ${event.signal} after ${took}`;
  const failed = event.failedCommands ?? [];
  const commands = failed.map((command) => `command ${command.number} (line ${command.line}) exited ${command.exitCode}`).join(', ');
  if (event.exitCode === 0 && failed.length === 0) return event.logIncomplete === undefined ? `Step succeeded in ${took}` : `Step failed after ${took}`;
  if (event.exitCode === 0) return `Step failed after ${took}: ${commands}`;
  return `Step failed (exit ${String(event.exitCode)}) after ${took}${commands && `: ${commands}`}`;
}

function ranStep(event: JournalStepStartedEvent | JournalStepFinishedEvent): string {
  return `Ran ${stepLabel(event)}`;
}

function stepLabel(event: { stepId: string; stepName?: string; commands?: number[] }): string {
  const name = `"${event.stepName ?? event.stepId}"`;
  const commands = event.commands;
  if (commands === undefined || commands.length === 0) return name;
  // The journal keeps indexes; people see the numbers `--command` takes.
  return `${name} (command${commands.length > 1 ? 's' : ''} ${commands.map(commandNumber).join(', ')})`;
}

function labelOf(state: IncidentState, severity: string): string {
  const label = state.severities.find((level) => level.id === severity)?.label;
  return label === undefined ? '' : ` ${label}`;
}

function roleTitle(role: string): string {
  return ROLE_TITLES[role] ?? capitalize(role);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `@ana` for handle-like names, as in the review template; full names as written. */
function handle(who: string): string {
  return /^[\w.-]+$/.test(who) ? `@${who}` : who;
}

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replaceAll('|', '\\|').trim() || '—';
}
