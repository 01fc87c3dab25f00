import type { RunbookMessage } from '../model.ts';
import { applyApprovalEvent } from './approval-state.ts';
import type { IncidentState, StepState } from './incident-state.ts';
import type { ForeignEvent, JournalEvent, JournalStepFinishedEvent, JournalStepRefusedEvent, JournalStepStartedEvent } from './journal-event.ts';
import { DEFAULT_SEVERITIES } from './severity.ts';

/** Event types that count as a person responding (see `incidentStatus`). */
const responseTypes = new Set<JournalEvent['type']>([
  'acknowledged',
  'step-started',
  'step-refused',
  'checklist-ticked',
  'checklist-unticked',
  'note',
  'severity-changed',
  'status-update',
  'resolved',
]);

export interface ReplayInput {
  id: string;
  events: readonly JournalEvent[];
  foreign?: readonly ForeignEvent[];
  messages?: readonly RunbookMessage[];
}

/** Folds events, in order, into the incident's state. Pure: the same events give the same state. */
export function replayJournal(input: ReplayInput): IncidentState {
  const state: IncidentState = {
    id: input.id,
    severities: DEFAULT_SEVERITIES.map((level) => ({ ...level })),
    status: 'open',
    phase: 'investigating',
    checklist: new Map(),
    steps: new Map(),
    notes: [],
    variables: new Map(),
    statusUpdates: [],
    roleHistory: [],
    approvals: new Map(),
    events: [...input.events],
    foreignEvents: [...(input.foreign ?? [])],
    messages: [...(input.messages ?? [])],
  };
  let explicitPhase: IncidentState['phase'] | undefined;
  let mitigated = false;
  let resolvedMark: string | undefined;
  for (const event of input.events) {
    if (state.startedAt !== undefined && state.respondedAt === undefined && responseTypes.has(event.type)) {
      state.respondedAt = event.time;
    }
    switch (event.type) {
      case 'started':
        if (state.startedAt !== undefined) {
          note(state, 'journal-duplicate-start', `a second 'started' event (${event.time}) was ignored`);
          break;
        }
        if (event.incidentId !== input.id) {
          note(state, 'journal-id-mismatch', `the journal says it belongs to '${event.incidentId}', read as '${input.id}'`);
        }
        state.title = event.title;
        state.severity = event.severity;
        state.severities = event.severities.map((level) => ({ ...level }));
        if (event.runbook !== undefined) state.runbook = event.runbook;
        if (event.drill === true) state.drill = true;
        if (event.duplicateOf !== undefined) state.duplicateOf = event.duplicateOf;
        state.startedAt = event.time;
        state.startedBy = event.who;
        break;
      case 'detected-at':
        state.detectedAt = event.at;
        break;
      case 'acknowledged':
        state.acknowledgedAt ??= event.time;
        break;
      case 'marked':
        if (event.milestone === 'impact-started') state.impactStartedAt = event.at;
        else if (event.milestone === 'detected') state.detectedAt = event.at;
        else if (event.milestone === 'acknowledged') state.acknowledgedAt = event.at;
        else if (event.milestone === 'mitigated') state.mitigatedAt = event.at;
        else resolvedMark = event.at;
        break;
      case 'assigned': {
        const roles = { ...state.roles };
        roles[event.role] = event.person;
        state.roles = roles;
        state.roleHistory.push({ role: event.role, person: event.person, ...optional('previous', event.previous), who: event.who, time: event.time });
        break;
      }
      case 'cancelled':
        state.status = 'resolved';
        state.cancelled = { reason: event.reason, who: event.who, time: event.time };
        delete state.resolvedAt;
        delete state.resolvedBy;
        delete state.resolution;
        break;
      case 'step-started':
      case 'step-finished':
      case 'step-refused':
        state.steps.set(event.stepId, nextStepState(state.steps.get(event.stepId), event));
        if (event.type === 'step-started' && (event.risk === 'mutate' || event.risk === 'destroy')) mitigated = true;
        break;
      case 'checklist-ticked':
      case 'checklist-unticked':
        state.checklist.set(event.itemId, { checked: event.type === 'checklist-ticked', text: event.text, who: event.who, time: event.time });
        break;
      case 'note':
        state.notes.push({ text: event.text, who: event.who, time: event.time });
        break;
      case 'severity-changed':
        state.severity = event.to;
        break;
      case 'variable-set':
        state.variables.set(event.name, {
          secret: event.secret,
          ...(event.secret || event.value === undefined ? {} : { value: event.value }),
          who: event.who,
          time: event.time,
        });
        break;
      case 'status-update':
        state.statusUpdates.push({
          time: event.time,
          who: event.who,
          ...(event.phase === undefined ? {} : { phase: event.phase }),
          ...(event.text === undefined ? {} : { text: event.text }),
        });
        if (event.phase !== undefined) explicitPhase = event.phase;
        break;
      case 'resolved':
        state.status = 'resolved';
        state.resolvedAt = event.time;
        state.resolvedBy = event.who;
        if (event.summary === undefined) delete state.resolution;
        else state.resolution = event.summary;
        if (event.causeCategory !== undefined) state.causeCategory = event.causeCategory;
        if (event.customerImpact !== undefined) state.customerImpact = event.customerImpact;
        delete state.cancelled;
        break;
      case 'context-pinned':
        // The first pin holds: later steps are guarded against it.
        state.pinnedContext ??= { context: event.context, ...optional('namespace', event.namespace) };
        break;
      case 'reopened':
        state.status = 'open';
        delete state.resolvedAt;
        delete state.resolvedBy;
        delete state.resolution;
        delete state.cancelled;
        resolvedMark = undefined;
        break;
      case 'approval-requested':
      case 'approval-granted':
      case 'approval-denied':
      case 'approval-expired':
      case 'approval-withdrawn':
        applyApprovalEvent(state.approvals, event);
        break;
    }
  }
  // A resolution time set after the fact counts only while the incident is resolved.
  if (resolvedMark !== undefined && state.resolvedAt !== undefined) state.resolvedAt = resolvedMark;
  if (state.startedAt === undefined) {
    note(state, 'journal-missing-start', "the journal has no valid 'started' event: title, severity and start time are unknown", 'error');
  }
  // A `resolved` phase from a status update does not outlive a reopen: only the `resolved` event resolves.
  const openPhase = explicitPhase !== undefined && explicitPhase !== 'resolved' ? explicitPhase : mitigated ? 'mitigating' : 'investigating';
  state.phase = state.status === 'resolved' ? 'resolved' : openPhase;
  return state;
}

function nextStepState(previous: StepState | undefined, event: JournalStepStartedEvent | JournalStepFinishedEvent | JournalStepRefusedEvent): StepState {
  const common = {
    stepId: event.stepId,
    who: event.who,
    ...optional('name', event.stepName ?? previous?.name),
    ...optional('commands', event.commands),
    ...optional('risk', event.risk),
  };
  switch (event.type) {
    case 'step-started':
      return {
        ...common,
        status: 'running',
        startedAt: event.time,
        ...optional('logFile', event.logFile),
        ...optional('runnerPid', event.runnerPid),
        ...optional('runnerHost', event.runnerHost),
      };
    case 'step-refused':
      return { ...common, status: 'refused', finishedAt: event.time, reason: event.reason };
    case 'step-finished': {
      const succeeded = event.exitCode === 0 && event.signal === undefined && !event.timedOut && !event.canceled && event.logIncomplete === undefined;
      const sameRun = previous?.status === 'running';
      return {
        ...common,
        status: succeeded ? 'succeeded' : 'failed',
        ...optional('startedAt', sameRun ? previous.startedAt : undefined),
        finishedAt: event.time,
        ...optional('exitCode', event.exitCode),
        ...optional('signal', event.signal),
        durationMs: event.durationMs,
        timedOut: event.timedOut,
        canceled: event.canceled,
        ...optional('logFile', event.logFile ?? (sameRun ? previous.logFile : undefined)),
        ...optional('interrupted', event.interrupted),
      };
    }
  }
}

/**
 * Runs still `running` whose runner is gone (killed with no chance to write
 * their end) read as interrupted: failed, canceled, with why. `runnerIsGone`
 * decides from the recorded pid and host; runs without them are left alone.
 */
export function markStaleRuns(state: IncidentState, runnerIsGone: (pid: number, host: string) => boolean): IncidentState {
  for (const [id, step] of state.steps) {
    if (step.status !== 'running' || step.runnerPid === undefined || step.runnerHost === undefined) continue;
    if (!runnerIsGone(step.runnerPid, step.runnerHost)) continue;
    const { runnerPid, runnerHost: _host, ...rest } = step;
    state.steps.set(id, {
      ...rest,
      status: 'failed',
      canceled: true,
      timedOut: false,
      interrupted: `its runner (pid ${runnerPid}) ended without recording the end`,
    });
  }
  return state;
}

/** `{ key: value }` when defined, `{}` otherwise: optional fields stay absent under exactOptionalPropertyTypes. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

function note(state: IncidentState, ruleId: string, reason: string, severity: RunbookMessage['severity'] = 'warning'): void {
  state.messages.push({ ruleId, severity, reason, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } });
}
