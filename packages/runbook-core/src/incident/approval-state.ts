import type {
  JournalApprovalDeniedEvent,
  JournalApprovalExpiredEvent,
  JournalApprovalGrantedEvent,
  JournalApprovalRequestedEvent,
  JournalApprovalWithdrawnEvent,
} from './journal-event.ts';

export type ApprovalEvent =
  | JournalApprovalRequestedEvent
  | JournalApprovalGrantedEvent
  | JournalApprovalDeniedEvent
  | JournalApprovalExpiredEvent
  | JournalApprovalWithdrawnEvent;

/** A decision that did not count, and why: kept so the review shows every attempt. */
export interface IgnoredApproval {
  who: string;
  time: string;
  reason: 'self-approval' | 'digest-mismatch' | 'after-expiry' | 'already-decided' | 'twice';
}

/** What a request asked for, as its `approval-requested` event says it. */
export type ApprovalRequestFields = Pick<
  JournalApprovalRequestedEvent,
  'requestId' | 'stepId' | 'stepName' | 'commands' | 'values' | 'risk' | 'context' | 'namespace' | 'digest' | 'required' | 'rule' | 'expiresAt'
>;

/** One approval request as its events leave it. */
export interface ApprovalRequestState extends ApprovalRequestFields {
  requestedBy: string;
  requestedAt: string;
  /**
   * `pending` until enough grants (`granted`), a denial, an `approval-expired`
   * or a withdrawal; a pending request past `expiresAt` is expired whatever
   * was written (see `approvalStatusAt`).
   */
  status: 'pending' | 'granted' | 'denied' | 'expired' | 'withdrawn';
  /** Grants that count: by someone else, for this digest, in time. */
  grants: Array<{ who: string; time: string }>;
  ignored: IgnoredApproval[];
  /** Who closed it (denied, withdrew, or saw it expire), when, and why. */
  closed?: { who: string; time: string; reason?: string };
}

export function isApprovalEvent(event: { type: string }): event is ApprovalEvent {
  return event.type.startsWith('approval-');
}

/**
 * Folds one approval event into the requests. A grant counts only from
 * another person than the requester, for the digest requested, before the
 * request expired and while it is still pending; others are kept as ignored.
 */
export function applyApprovalEvent(requests: Map<string, ApprovalRequestState>, event: ApprovalEvent): void {
  if (event.type === 'approval-requested') {
    if (requests.has(event.requestId)) return;
    const { requestId, stepId, commands, values, risk, digest, required, rule, expiresAt } = event;
    requests.set(requestId, {
      requestId,
      stepId,
      ...(event.stepName === undefined ? {} : { stepName: event.stepName }),
      commands: [...commands],
      values: [...values],
      risk,
      ...(event.context === undefined ? {} : { context: event.context }),
      ...(event.namespace === undefined ? {} : { namespace: event.namespace }),
      digest,
      required,
      rule,
      requestedBy: event.who,
      requestedAt: event.time,
      expiresAt,
      status: 'pending',
      grants: [],
      ignored: [],
    });
    return;
  }
  const request = requests.get(event.requestId);
  if (request === undefined) return;
  const late = Date.parse(event.time) > Date.parse(request.expiresAt);
  switch (event.type) {
    case 'approval-granted': {
      const ignored = grantProblem(request, event, late);
      if (ignored !== undefined) {
        request.ignored.push({ who: event.who, time: event.time, reason: ignored });
        return;
      }
      request.grants.push({ who: event.who, time: event.time });
      if (request.grants.length >= request.required) request.status = 'granted';
      return;
    }
    case 'approval-denied':
      if (request.status !== 'pending' || late) {
        request.ignored.push({ who: event.who, time: event.time, reason: late ? 'after-expiry' : 'already-decided' });
        return;
      }
      request.status = 'denied';
      request.closed = { who: event.who, time: event.time, reason: event.reason };
      return;
    case 'approval-expired':
    case 'approval-withdrawn':
      if (request.status !== 'pending') return;
      request.status = event.type === 'approval-expired' ? 'expired' : 'withdrawn';
      request.closed = { who: event.who, time: event.time, ...(event.type === 'approval-withdrawn' ? { reason: event.reason } : {}) };
      return;
  }
}

/** The status at `now`: a pending request past its expiry reads as expired. */
export function approvalStatusAt(request: ApprovalRequestState, now: Date): ApprovalRequestState['status'] {
  if (request.status === 'pending' && now.getTime() > Date.parse(request.expiresAt)) return 'expired';
  return request.status;
}

/** Requests still waiting for a decision at `now`, oldest first. */
export function pendingApprovals(requests: ReadonlyMap<string, ApprovalRequestState>, now: Date): ApprovalRequestState[] {
  return [...requests.values()].filter((request) => approvalStatusAt(request, now) === 'pending');
}

function grantProblem(request: ApprovalRequestState, event: JournalApprovalGrantedEvent, late: boolean): IgnoredApproval['reason'] | undefined {
  if (event.who === request.requestedBy) return 'self-approval';
  if (event.digest !== request.digest) return 'digest-mismatch';
  if (late) return 'after-expiry';
  if (request.status !== 'pending') return 'already-decided';
  if (request.grants.some((grant) => grant.who === event.who)) return 'twice';
  return undefined;
}
