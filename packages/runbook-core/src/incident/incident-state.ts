import type { Risk, RunbookMessage, SeverityLevel } from '../model.ts';
import type { ApprovalRequestState } from './approval-state.ts';
import type { ForeignEvent, IncidentPhase, JournalEvent, StepEnding } from './journal-event.ts';

export interface ChecklistItemState {
  checked: boolean;
  text: string;
  /** Who ticked or unticked it last, and when. */
  who: string;
  time: string;
}

export interface StepState extends Partial<StepEnding> {
  stepId: string;
  name?: string;
  /** `running` until its `step-finished`; `failed` covers timeouts and cancels too. */
  status: 'running' | 'succeeded' | 'failed' | 'refused';
  commands?: number[];
  risk?: Risk;
  who: string;
  startedAt?: string;
  finishedAt?: string;
  /** Why it was refused. */
  reason?: string;
  /** Who runs it while `running`: a run whose runner is gone is read as interrupted. */
  runnerPid?: number;
  runnerHost?: string;
}

export interface NoteRecord {
  text: string;
  who: string;
  time: string;
}

export interface VariableState {
  secret: boolean;
  /** Only for non-secret variables. */
  value?: string;
  who: string;
  time: string;
}

export interface StatusUpdateRecord {
  time: string;
  who: string;
  phase?: IncidentPhase;
  text?: string;
}

/** One `assigned` event: who took a role, from whom, recorded by whom and when. */
export interface RoleAssignment {
  role: string;
  person: string;
  previous?: string;
  who: string;
  time: string;
}

/**
 * An incident as the replay of its journal. Fields that come from the
 * `started` event are absent only when that line is missing or corrupt
 * (a message says so).
 */
export interface IncidentState {
  id: string;
  title?: string;
  /** Current severity id, after any changes. */
  severity?: string;
  /** The levels recorded at start (the runbook's, or the defaults). */
  severities: SeverityLevel[];
  runbook?: string;
  startedAt?: string;
  startedBy?: string;
  /** From a `detected-at` event or a `detected` mark; absent when none was recorded. */
  detectedAt?: string;
  /** When customers or systems were first affected (`impact-started` mark). */
  impactStartedAt?: string;
  /** An `acknowledged` event's time, or an `acknowledged` mark. */
  acknowledgedAt?: string;
  /** A `mitigated` mark: the impact stopped, the fix may still be coming. */
  mitigatedAt?: string;
  /** Role → person, after every hand-over (`assigned` events). */
  roles?: Record<string, string>;
  /** Every assignment in journal order, hand-overs included. */
  roleHistory: RoleAssignment[];
  /** Started with `--drill`: a rehearsal. */
  drill?: boolean;
  /** Started with `--duplicate-of`: the incident this one repeats. */
  duplicateOf?: string;
  /** Closed by `cancelled` (status `resolved`, no resolution): why and by whom. */
  cancelled?: { reason: string; who: string; time: string };
  /** From the resolution: root-cause category and customer impact. */
  causeCategory?: string;
  customerImpact?: string;
  /** Time of the first action by a person after the start; see `incidentStatus`. */
  respondedAt?: string;
  resolvedAt?: string;
  resolvedBy?: string;
  resolution?: string;
  /** `resolved` also for a cancelled incident (see `cancelled`): both are closed. */
  status: 'open' | 'resolved';
  phase: IncidentPhase;
  /** Item id → latest state. */
  checklist: Map<string, ChecklistItemState>;
  /** Step id → latest run. */
  steps: Map<string, StepState>;
  notes: NoteRecord[];
  /** Variables set during the incident, by name; secrets without values. */
  variables: Map<string, VariableState>;
  statusUpdates: StatusUpdateRecord[];
  /** The kube context cluster steps must use when the runbook declares none (`context-pinned`). */
  pinnedContext?: { context: string; namespace?: string };
  /** Approval requests by id (the two-person rule), with their grants and decisions. */
  approvals: Map<string, ApprovalRequestState>;
  /** Every replayed event, in journal order. */
  events: JournalEvent[];
  /** Events of unknown types, kept for newer tools. */
  foreignEvents: ForeignEvent[];
  messages: RunbookMessage[];
}
