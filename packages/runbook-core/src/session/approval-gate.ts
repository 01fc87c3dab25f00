import { FileIncidentStore } from '../incident/file-incident-store.ts';
import { currentUser, loadIncident, recordEvent, storeFor, watchIncident } from '../incident/index.ts';
import type { IncidentLocation } from '../incident/index.ts';
import { approvalRule, readApprovalPolicy, type ApprovalRule } from './approval-rule.ts';
import { buildApprovalRequest } from './approval-request.ts';
import type { PreparedStep } from './prepare-step.ts';
import type { RunSession } from './run-session.ts';
import type { SessionIO } from './session-io.ts';
import { stepLabel } from './step-kind.ts';

/** The gate's verdict: run (with the step as approved), refuse (why, what to do), or stop (interrupted). */
export type ApprovalOutcome =
  | { kind: 'approved'; prepared: PreparedStep; requestId?: string }
  | { kind: 'refused'; reason: string; hint?: string }
  | { kind: 'interrupted'; requestId: string };

/**
 * Why a step that needs approval cannot ask for it at all, known before
 * anything runs: its rule cannot be read, there is no incident to journal
 * the request in, or the file store (no authenticated second person) is
 * not accepted by the runbook.
 */
export function approvalPreflight(prepared: PreparedStep, session: RunSession): { reason: string; hint?: string } | undefined {
  const rule = stepApprovalRule(prepared, session);
  if (rule === undefined) return undefined;
  const label = stepLabel(prepared.step);
  if (rule.problem !== undefined) return { reason: `step '${label}' needs approval, but ${rule.problem}`, hint: 'fix the runbook first' };
  const needs = `step '${label}' needs approval by ${others(rule.required)} (${rule.source})`;
  const location = session.options.incident;
  if (location === undefined || session.incident === undefined) {
    return { reason: `${needs}, and approvals are asked for and recorded in an incident`, hint: "start one with 'runbook incident start'" };
  }
  if (rule.store === 'shared' && isFileStore(location)) {
    return {
      reason: `${needs}, and the file store has no second authenticated person to ask: there 'who' is whatever the environment says`,
      hint: 'use a shared store (RUNBOOK_STORE=postgres://…), or let the runbook accept file-store approvals with approvals: { store: any }',
    };
  }
  return undefined;
}

/**
 * The two-person rule before a step runs: when its rule asks for approval,
 * journals a request with the exact commands, values and cluster, waits for
 * the decision (pushed by the store, or read again on a timer), and journals
 * an expiry or a withdrawal (the run interrupted) itself. A granted step is
 * prepared again: when its commands or values changed meanwhile, the
 * approval does not cover it and the step is refused.
 */
export async function awaitApproval(prepared: PreparedStep, session: RunSession, io: SessionIO, options: { pollMs?: number } = {}): Promise<ApprovalOutcome> {
  const rule = stepApprovalRule(prepared, session);
  if (rule === undefined) return { kind: 'approved', prepared };
  const problem = approvalPreflight(prepared, session);
  const location = session.options.incident;
  if (problem !== undefined || location === undefined || session.incident === undefined) {
    return { kind: 'refused', ...(problem ?? { reason: `step '${stepLabel(prepared.step)}' needs approval and there is no incident` }) };
  }
  const { id, ...where } = location;
  const who = session.options.who ?? currentUser(session.env);
  const request = buildApprovalRequest(prepared, session.values, rule, new Date());
  await recordEvent(id, request, { ...where, who });
  io.onProgress?.(
    `waiting for approval: runbook approve ${request.requestId} (${others(rule.required)}; expires ${request.expiresAt.slice(11, 16)} UTC; Ctrl-C withdraws the request)`,
  );
  const decision = await waitForDecision(where, id, request.requestId, Date.parse(request.expiresAt), io.signal, options.pollMs);
  const label = stepLabel(prepared.step);
  switch (decision.kind) {
    case 'granted': {
      const again = await session.prepare(prepared.step, prepared.commands);
      if (again.refusal) return { kind: 'refused', ...again.refusal };
      const fresh = buildApprovalRequest(again, session.values, rule, new Date());
      if (fresh.digest !== request.digest) {
        return {
          kind: 'refused',
          reason: `step '${label}' changed after approval ${request.requestId} (its commands, values or cluster): the approval does not cover it`,
          hint: 'run it again to ask for a new approval',
        };
      }
      io.onProgress?.(`approved by ${decision.by.join(', ')}`);
      return { kind: 'approved', prepared: again, requestId: request.requestId };
    }
    case 'denied':
      return { kind: 'refused', reason: `approval ${request.requestId} denied by ${decision.by}: ${decision.reason}` };
    case 'expired':
      await recordEvent(id, { type: 'approval-expired', requestId: request.requestId }, { ...where, who }).catch(() => undefined);
      return { kind: 'refused', reason: `approval ${request.requestId} expired at ${request.expiresAt} without a decision`, hint: 'run it again to ask anew' };
    case 'interrupted':
      await recordEvent(id, { type: 'approval-withdrawn', requestId: request.requestId, reason: decision.reason }, { ...where, who }).catch(() => undefined);
      return { kind: 'interrupted', requestId: request.requestId };
    case 'closed':
      return { kind: 'refused', reason: `approval ${request.requestId} was ${decision.status} by ${decision.by}` };
  }
}

/** The step's approval rule in this session, `undefined` when it needs none. */
export function stepApprovalRule(prepared: PreparedStep, session: Pick<RunSession, 'runbook'>): ApprovalRule | undefined {
  return approvalRule(readApprovalPolicy(session.runbook.meta), prepared.step, prepared.plan.risk);
}

/** How soon a grant seen only in the local copy is looked at again. */
const UNCONFIRMED_RETRY_MS = 1000;

type Decision =
  | { kind: 'granted'; by: string[] }
  | { kind: 'denied'; by: string; reason: string }
  | { kind: 'expired' }
  | { kind: 'interrupted'; reason: string }
  | { kind: 'closed'; status: string; by: string };

/** Reads the request's fate on every change of the journal, until decided, expired or aborted. */
function waitForDecision(
  location: IncidentLocation,
  id: string,
  requestId: string,
  expiresAt: number,
  signal: AbortSignal,
  pollMs?: number,
): Promise<Decision> {
  return new Promise<Decision>((resolve, reject) => {
    let settled = false;
    let stop: (() => Promise<void>) | undefined;
    const timer = setTimeout(() => void check(), Math.max(0, expiresAt - Date.now()) + 50);
    const finish = (decision: Decision | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      void (stop?.() ?? Promise.resolve()).finally(() => (decision instanceof Error ? reject(decision) : resolve(decision)));
    };
    const onAbort = (): void => finish({ kind: 'interrupted', reason: abortReason(signal) });
    const check = async (): Promise<void> => {
      if (settled) return;
      try {
        const request = (await loadIncident(id, location)).approvals.get(requestId);
        if (request === undefined) return;
        if (request.status === 'granted') {
          // Read again once the store has every event: only then are the names its own.
          const confirmed = (await confirmedByStore(location)) ? (await loadIncident(id, location)).approvals.get(requestId) : undefined;
          if (confirmed?.status === 'granted') finish({ kind: 'granted', by: confirmed.grants.map((grant) => grant.who) });
          else setTimeout(() => void check(), UNCONFIRMED_RETRY_MS).unref();
        } else if (request.status === 'denied') finish({ kind: 'denied', by: request.closed?.who ?? 'someone', reason: request.closed?.reason ?? '' });
        else if (request.status !== 'pending') finish({ kind: 'closed', status: request.status, by: request.closed?.who ?? 'someone' });
        else if (Date.now() > expiresAt) finish({ kind: 'expired' });
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    watchIncident(location, id, () => void check(), pollMs === undefined ? {} : { pollMs })
      .then((stopWatching) => {
        stop = stopWatching;
        if (settled) void stopWatching();
        // A decision written before the watch began is read once here.
        else void check();
      })
      .catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
  });
}

/**
 * A shared store names who acted once it has the event; a local copy
 * (offline, events waiting) holds only what the environment claimed. A grant
 * counts only when the store is reachable and nothing waits to be sent.
 */
async function confirmedByStore(location: IncidentLocation): Promise<boolean> {
  const store = storeFor(location);
  if (store.health === undefined) return true;
  const health = await store.health();
  return health.online && health.unsent === 0;
}

function isFileStore(location: IncidentLocation): boolean {
  return storeFor(location) instanceof FileIncidentStore;
}

function others(count: number): string {
  return count === 1 ? 'one other responder' : `${count} other responders`;
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (typeof reason === 'string') return reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason.message;
  return 'canceled';
}
