import * as vscode from 'vscode';
import type { ApprovalRequestState } from 'runbook-core';
import { loadCore } from '../core.ts';
import type { Incidents } from './incidents.ts';

export const APPROVE = 'Approve';
export const DENY = 'Deny';

/** One line about a request: who asks to run what, how risky, where. */
export function describeRequest(request: ApprovalRequestState): string {
  const where = request.context === undefined ? '' : ` on ${request.context}${request.namespace === undefined ? '' : `/${request.namespace}`}`;
  return `${request.requestedBy} asks approval to run "${request.stepName ?? request.stepId}" (${request.risk}${where}): ${request.commands.join('; ')}`;
}

/**
 * Approves or denies a request of the current incident through core (which
 * refuses self-approval and stale requests), asking for the choice and a
 * denial's reason when not given. Resolves to what was recorded, or
 * undefined when the person backed out or core refused (said in a message).
 */
export async function decideOnRequest(incidents: Incidents, request: ApprovalRequestState, choice?: string): Promise<'approved' | 'denied' | undefined> {
  const current = incidents.current;
  if (current === undefined) return undefined;
  const picked =
    choice ??
    (
      await vscode.window.showQuickPick(
        [
          { label: APPROVE, detail: request.commands.join('\n') },
          { label: DENY, detail: 'Say why; the requester sees it' },
        ],
        { title: describeRequest(request), ignoreFocusOut: true },
      )
    )?.label;
  if (picked !== APPROVE && picked !== DENY) return undefined;
  let reason: string | undefined;
  if (picked === DENY) {
    reason = (
      await vscode.window.showInputBox({
        title: `Deny request ${request.requestId}`,
        prompt: 'Why? The requester and the review see it.',
        ignoreFocusOut: true,
      })
    )?.trim();
    if (reason === undefined || reason === '') return undefined;
  }
  const core = await loadCore();
  const result = await core.decideApproval(request.requestId, picked === APPROVE ? { grant: true } : { grant: false, reason: reason ?? '' }, {
    ...incidents.location(),
    who: core.currentUser(),
    incidentId: current.id,
    // What this window showed: an approval covers exactly that.
    digest: request.digest,
  });
  await incidents.reload();
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Runbook: ${result.message}`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`Runbook: ${picked === APPROVE ? 'approved' : 'denied'} request ${request.requestId}.`);
  return picked === APPROVE ? 'approved' : 'denied';
}
