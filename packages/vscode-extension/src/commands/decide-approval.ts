import * as vscode from 'vscode';
import { loadCore } from '../core.ts';
import { decideOnRequest, describeRequest } from '../incident/approval-decision.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { Command } from './command.ts';

/**
 * "Runbook: Approve or Deny a Request": a pending approval request of the
 * current incident (the lens passes its id; otherwise picked from a list),
 * approved or denied with a reason. Core journals it and refuses one's own.
 */
export class DecideApprovalCommand implements Command {
  readonly id = 'runbook.decideApproval';

  constructor(private readonly incidents: Incidents) {}

  async execute(requestId?: string, choice?: string): Promise<'approved' | 'denied' | undefined> {
    await this.incidents.reload();
    const current = this.incidents.current;
    const core = await loadCore();
    const pending = current === undefined ? [] : core.pendingApprovals(current.approvals, new Date());
    if (pending.length === 0) {
      void vscode.window.showInformationMessage('Runbook: no approval request is waiting in the current incident.');
      return undefined;
    }
    const request =
      requestId === undefined
        ? (await vscode.window.showQuickPick(pending.map((candidate) => ({ label: candidate.requestId, detail: describeRequest(candidate), candidate }))))
            ?.candidate
        : pending.find((candidate) => candidate.requestId === requestId);
    if (request === undefined) {
      if (requestId !== undefined) void vscode.window.showInformationMessage(`Runbook: request ${requestId} is no longer waiting.`);
      return undefined;
    }
    return decideOnRequest(this.incidents, request, choice);
  }
}
