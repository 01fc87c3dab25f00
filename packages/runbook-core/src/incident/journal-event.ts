import type { Risk, SeverityLevel } from '../model.ts';

/** Written as `v` on every event; readers accept this version and older. */
export const JOURNAL_SCHEMA_VERSION = 1;

/** Fields every event carries. There is no sequence number: writers in other processes cannot share one cheaply, so order is file order, and `time` + `eventId` identify an event. */
export interface JournalEventBase {
  v: number;
  /** Random, 12 hex digits. */
  eventId: string;
  /** ISO-8601 UTC. */
  time: string;
  /** A person: `$RUNBOOK_USER`, git's `user.name`, or the login name. */
  who: string;
}

export interface JournalStartedEvent extends JournalEventBase {
  type: 'started';
  incidentId: string;
  title: string;
  severity: string;
  /** The levels in force, copied from the runbook so the journal stands alone. */
  severities: SeverityLevel[];
  /** The runbook's path, relative to the workspace when inside it. */
  runbook?: string;
  /** A rehearsal: kept, but left out of the metrics. */
  drill?: boolean;
  /** The incident this one repeats: left out of the metrics. */
  duplicateOf?: string;
}

/** When the problem was detected (an alert fired), if earlier than the start. */
export interface JournalDetectedAtEvent extends JournalEventBase {
  type: 'detected-at';
  at: string;
}

export interface JournalAcknowledgedEvent extends JournalEventBase {
  type: 'acknowledged';
}

interface StepFields {
  stepId: string;
  stepName?: string;
  /** 0-based indexes of the selected commands; absent when the whole block ran. */
  commands?: number[];
  risk?: Risk;
}

export interface JournalStepStartedEvent extends JournalEventBase, StepFields {
  type: 'step-started';
  /** Full output log, relative to the incident folder (`logs/…`). */
  logFile?: string;
  /** The process running the step and its host: a reader can tell a run whose runner died from one still going. */
  runnerPid?: number;
  runnerHost?: string;
}

export interface JournalStepFinishedEvent extends JournalEventBase, StepFields {
  type: 'step-finished';
  /** Absent when the process ended by a signal. */
  exitCode?: number;
  signal?: string;
  durationMs: number;
  timedOut: boolean;
  canceled: boolean;
  logFile?: string;
  /** What ended the run early: a signal to the runner (`SIGTERM`), Ctrl-C, or a runner gone without a word. */
  interrupted?: string;
  /** Top-level commands that failed (1-based number, Markdown line, exit), even when the last one exited 0. */
  failedCommands?: Array<{ number: number; line: number; exitCode: number }>;
  /** The output passed the log limit: the log holds its first this many bytes, then a marker line. */
  logTruncatedAt?: number;
  /** Why the log could not be written in full (`EFBIG`, a full disk): the run counts as failed. */
  logIncomplete?: string;
}

/** How a step's process ended, as its `step-finished` event records it. */
export type StepEnding = Pick<JournalStepFinishedEvent, 'exitCode' | 'signal' | 'durationMs' | 'timedOut' | 'canceled' | 'logFile' | 'interrupted'>;

export interface JournalStepRefusedEvent extends JournalEventBase, StepFields {
  type: 'step-refused';
  reason: string;
}

export interface JournalChecklistTickedEvent extends JournalEventBase {
  type: 'checklist-ticked';
  itemId: string;
  text: string;
}

export interface JournalChecklistUntickedEvent extends JournalEventBase {
  type: 'checklist-unticked';
  itemId: string;
  text: string;
}

export interface JournalNoteEvent extends JournalEventBase {
  type: 'note';
  text: string;
}

export interface JournalSeverityChangedEvent extends JournalEventBase {
  type: 'severity-changed';
  from: string;
  to: string;
  reason?: string;
}

/** A variable set or exported during the incident. A secret's value is never written. */
export interface JournalVariableSetEvent extends JournalEventBase {
  type: 'variable-set';
  name: string;
  secret: boolean;
  /** Only for `secret: false`. */
  value?: string;
}

export type IncidentPhase = 'investigating' | 'mitigating' | 'resolved';

export interface JournalStatusUpdateEvent extends JournalEventBase {
  type: 'status-update';
  phase?: IncidentPhase;
  text?: string;
}

export interface JournalResolvedEvent extends JournalEventBase {
  type: 'resolved';
  summary?: string;
  /** Root-cause category (`deployment`, `capacity`, …): counted in the monthly report. */
  causeCategory?: string;
  /** What customers saw, in a line; absent when they saw nothing. */
  customerImpact?: string;
}

/** A role given to a person; giving it again is a hand-over (`previous` names who had it). */
export interface JournalAssignedEvent extends JournalEventBase {
  type: 'assigned';
  role: string;
  person: string;
  previous?: string;
}

/** Closed without a resolution (a false alarm, opened by mistake): left out of the metrics. */
export interface JournalCancelledEvent extends JournalEventBase {
  type: 'cancelled';
  reason: string;
}

/** The lifecycle's moments, each settable after the fact. */
export type IncidentMilestone = 'impact-started' | 'detected' | 'acknowledged' | 'mitigated' | 'resolved';

/** When a milestone happened (`at`), recorded at `time` by `who`: the latest mark of a milestone wins. */
export interface JournalMarkedEvent extends JournalEventBase {
  type: 'marked';
  milestone: IncidentMilestone;
  at: string;
}

/** The kube context the incident's cluster steps must use when the runbook declares none: the first one a step used. */
export interface JournalContextPinnedEvent extends JournalEventBase {
  type: 'context-pinned';
  context: string;
  namespace?: string;
  /** The step whose run pinned it; absent when given at `incident start --context`. */
  stepId?: string;
}

export interface JournalReopenedEvent extends JournalEventBase {
  type: 'reopened';
  reason?: string;
}

/** A post to Slack about an event, and whether it went through (never the URL or the token). */
export interface JournalNotifiedEvent extends JournalEventBase {
  type: 'notified';
  target: 'webhook' | 'chat.postMessage';
  channel?: string;
  /** The event type the post was about. */
  about: string;
  ok: boolean;
  attempts: number;
  error?: string;
}

/**
 * A step waits for other responders' yes before it runs: exactly these
 * commands with these values (`digest`), until `expiresAt`.
 */
export interface JournalApprovalRequestedEvent extends JournalEventBase {
  type: 'approval-requested';
  /** Random, 8 hex digits: what `runbook approve` takes. */
  requestId: string;
  stepId: string;
  stepName?: string;
  /** The commands as they will run, one per entry. */
  commands: string[];
  /** The values they read, `NAME=value`; a secret as `NAME=(secret)`, never its value. */
  values: string[];
  risk: Risk;
  /** The kube context and namespace the step reaches, when it reaches a cluster. */
  context?: string;
  namespace?: string;
  /** sha256 of the step, its code and values: a grant covers this exact run and no other. */
  digest: string;
  /** How many responders other than the requester must say yes. */
  required: number;
  expiresAt: string;
  /** Which policy asks for it (`approvals.destroy`, `approve=1`). */
  rule: string;
}

/** A yes to a request; counts only when `who` is not the requester and `digest` is the request's. */
export interface JournalApprovalGrantedEvent extends JournalEventBase {
  type: 'approval-granted';
  requestId: string;
  /** The digest of what the approver was shown. */
  digest: string;
}

export interface JournalApprovalDeniedEvent extends JournalEventBase {
  type: 'approval-denied';
  requestId: string;
  reason: string;
}

/** No decision came before `expiresAt`; written by the waiting runner. */
export interface JournalApprovalExpiredEvent extends JournalEventBase {
  type: 'approval-expired';
  requestId: string;
}

/** The requester stopped waiting (Ctrl-C, the run ended): the request is closed. */
export interface JournalApprovalWithdrawnEvent extends JournalEventBase {
  type: 'approval-withdrawn';
  requestId: string;
  reason: string;
}

export type JournalEvent =
  | JournalStartedEvent
  | JournalDetectedAtEvent
  | JournalAcknowledgedEvent
  | JournalStepStartedEvent
  | JournalStepFinishedEvent
  | JournalStepRefusedEvent
  | JournalChecklistTickedEvent
  | JournalChecklistUntickedEvent
  | JournalNoteEvent
  | JournalSeverityChangedEvent
  | JournalVariableSetEvent
  | JournalStatusUpdateEvent
  | JournalResolvedEvent
  | JournalReopenedEvent
  | JournalContextPinnedEvent
  | JournalAssignedEvent
  | JournalCancelledEvent
  | JournalMarkedEvent
  | JournalNotifiedEvent
  | JournalApprovalRequestedEvent
  | JournalApprovalGrantedEvent
  | JournalApprovalDeniedEvent
  | JournalApprovalExpiredEvent
  | JournalApprovalWithdrawnEvent;

export type JournalEventType = JournalEvent['type'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a caller writes: the event without the fields the journal fills in. */
export type JournalEventInput = DistributiveOmit<JournalEvent, keyof JournalEventBase>;

/** An event of a type this version does not know: kept, never replayed. */
export interface ForeignEvent extends JournalEventBase {
  type: string;
  /** 1-based line in the journal. */
  line: number;
  /** The whole object as read. */
  data: Record<string, unknown>;
}
