import {
  approvalStatusAt,
  FileIncidentStore,
  listIncidents,
  loadIncident,
  recordEvent,
  storeFor,
  type ApprovalRequestState,
  type IncidentLocation,
  type IncidentState,
} from '../incident/index.ts';

/** A request and the incident it belongs to. */
export interface FoundApproval {
  incident: IncidentState;
  request: ApprovalRequestState;
}

/** Approve or deny; a denial says why. */
export type ApprovalVerdict = { grant: true } | { grant: false; reason: string };

/**
 * How a decision went. `refused` codes: `self-approval` (the requester
 * cannot approve their own request), `not-pending` (already decided,
 * withdrawn or expired), `digest-mismatch` (the approver was shown other
 * commands or values than the request holds). `not-found`: no such request.
 */
export type ApprovalDecisionResult =
  | { ok: true; request: ApprovalRequestState; incidentId: string }
  | { ok: false; code: 'not-found' | 'self-approval' | 'not-pending' | 'digest-mismatch'; message: string; request?: ApprovalRequestState };

export interface DecideApprovalOptions extends IncidentLocation {
  /** Who decides, as this process knows it; a shared store records its own authenticated name. */
  who: string;
  /** Search this incident only; default: every incident, the given order's first match. */
  incidentId?: string;
  /** The digest of what the approver was shown (an editor's lens); default: the request's own. */
  digest?: string;
  now?: Date;
}

/** Finds request `requestId`, in one incident or in all of them. */
export async function findApprovalRequest(requestId: string, location: IncidentLocation & { incidentId?: string }): Promise<FoundApproval | undefined> {
  const ids = location.incidentId === undefined ? await listIncidents(location) : [location.incidentId];
  for (const id of ids) {
    const incident = await loadIncident(id, location);
    const request = incident.approvals.get(requestId);
    if (request !== undefined) return { incident, request };
  }
  return undefined;
}

/**
 * Records an approval or a denial of request `requestId`. Refused before
 * anything is written: an unknown request, one no longer pending, a digest
 * other than the request's, and (where `who` is what the journal will say,
 * the file store) approving one's own request. After writing, the replay
 * decides: a grant the journal does not count (the store recorded the
 * requester's own name) is reported as `self-approval`.
 */
export async function decideApproval(requestId: string, verdict: ApprovalVerdict, options: DecideApprovalOptions): Promise<ApprovalDecisionResult> {
  const { who, incidentId, digest, now = new Date(), ...location } = options;
  const found = await findApprovalRequest(requestId, { ...location, ...(incidentId === undefined ? {} : { incidentId }) });
  if (found === undefined) return { ok: false, code: 'not-found', message: `no approval request '${requestId}' (see: runbook incident approvals)` };
  const { incident, request } = found;
  const status = approvalStatusAt(request, now);
  if (status !== 'pending') return { ok: false, code: 'not-pending', message: `request ${requestId} is ${status}; nothing was recorded`, request };
  const ownName = storeFor(location) instanceof FileIncidentStore;
  if (verdict.grant && ownName && who === request.requestedBy) {
    return { ok: false, code: 'self-approval', message: `${who} asked for request ${requestId}: another responder must approve it`, request };
  }
  if (verdict.grant && digest !== undefined && digest !== request.digest) {
    return { ok: false, code: 'digest-mismatch', message: `request ${requestId} is for other commands or values than those shown: look again`, request };
  }
  await recordEvent(
    incident.id,
    verdict.grant ? { type: 'approval-granted', requestId, digest: digest ?? request.digest } : { type: 'approval-denied', requestId, reason: verdict.reason },
    { ...location, who },
  );
  const after = (await loadIncident(incident.id, location)).approvals.get(requestId) ?? request;
  const newlyIgnored = after.ignored.slice(request.ignored.length);
  const self = newlyIgnored.find((entry) => entry.reason === 'self-approval');
  if (verdict.grant && self !== undefined) {
    return {
      ok: false,
      code: 'self-approval',
      message: `the store recorded the approval as ${self.who}, who asked for request ${requestId}: it does not count`,
      request: after,
    };
  }
  return { ok: true, request: after, incidentId: incident.id };
}
