import * as vscode from 'vscode';
import type { IncidentState } from 'runbook-core';
import { loadCore } from '../core.ts';
import { APPROVE, DENY, decideOnRequest, describeRequest } from './approval-decision.ts';
import type { Incidents } from './incidents.ts';

/**
 * A notification for each approval request of the current incident that
 * someone else is waiting on, once per request, offering Approve and Deny.
 */
export class ApprovalNotifications implements vscode.Disposable {
  readonly #subscription: vscode.Disposable;
  readonly #shown = new Set<string>();
  /** The last notification's text, for tests. */
  lastNotice: string | undefined;

  constructor(private readonly incidents: Incidents) {
    this.#subscription = incidents.onDidChange((state) => void this.#notify(state));
  }

  async #notify(state: IncidentState | undefined): Promise<void> {
    if (state?.status !== 'open') return;
    const core = await loadCore();
    const me = core.currentUser();
    for (const request of core.pendingApprovals(state.approvals, new Date())) {
      if (request.requestedBy === me || this.#shown.has(request.requestId)) continue;
      this.#shown.add(request.requestId);
      this.lastNotice = describeRequest(request);
      void vscode.window.showWarningMessage(`Runbook ${state.id}: ${this.lastNotice}`, APPROVE, DENY).then((choice) => {
        if (choice !== undefined) void decideOnRequest(this.incidents, request, choice);
      });
    }
  }

  dispose(): void {
    this.#subscription.dispose();
  }
}
