import * as vscode from 'vscode';
import type { IncidentState } from 'runbook-core';
import { loadCore } from '../core.ts';
import { rangeOf } from '../vscode-range.ts';
import { IncidentLensProvider } from './incident-lens-provider.ts';

/**
 * On a step whose run waits for approval in the current incident: who
 * asked, and (for anyone else) one click to approve or deny.
 */
export class ApprovalCodeLensProvider extends IncidentLensProvider {
  protected async lensesFor(document: vscode.TextDocument, incident: IncidentState): Promise<vscode.CodeLens[]> {
    if (incident.approvals.size === 0) return [];
    const core = await loadCore();
    const pending = core.pendingApprovals(incident.approvals, new Date());
    if (pending.length === 0) return [];
    const runbook = await this.documents.runbookOf(document);
    const me = core.currentUser();
    return pending.flatMap((request) => {
      const step = runbook.steps.find((candidate) => candidate.id === request.stepId);
      if (step === undefined) return [];
      const line = rangeOf(step.position).start.line;
      const range = new vscode.Range(line, 0, line, 0);
      const waiting = `$(watch) Waiting for approval (request ${request.requestId}, ${request.risk})`;
      if (request.requestedBy === me) return [new vscode.CodeLens(range, { title: `${waiting}: asked by you`, command: '' })];
      return [
        new vscode.CodeLens(range, {
          title: `${waiting}: ${request.requestedBy} asks — Approve or Deny…`,
          tooltip: request.commands.join('\n'),
          command: 'runbook.decideApproval',
          arguments: [request.requestId],
        }),
      ];
    });
  }
}
