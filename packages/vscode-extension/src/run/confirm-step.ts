import * as vscode from 'vscode';
import type { ContextGuardResult, StepPlan } from 'runbook-core';
import { loadCore } from '../core.ts';
import { confirmationMessage, DONT_RUN, SHOW_PLAN } from './confirmation-message.ts';

/** What the modal needs: the plan and, when the context guard ran, its verdict (directly or on the prepared step). */
export interface ConfirmStepRequest {
  plan: StepPlan;
  guard?: ContextGuardResult;
  prepared?: { guard?: ContextGuardResult };
  /** What a person calls the step (`stepNames`): core would name a step without `name` by its id. */
  stepName?: string;
}

/**
 * The modal before a risky step: its changing commands with their risk and
 * the context/namespace each really reaches, in a detail that fits a small
 * window. For a destructive step Enter does not run ("Don't run" comes first);
 * "Show full plan" opens the whole plan and asks again.
 */
export async function confirmStep(request: ConfirmStepRequest): Promise<boolean> {
  const core = await loadCore();
  const guard = request.guard ?? request.prepared?.guard;
  const plan = request.stepName === undefined ? request.plan : { ...request.plan, stepName: request.stepName };
  const confirmation = core.buildConfirmation(plan, guard);
  const modal = confirmationMessage(confirmation);
  const items: vscode.MessageItem[] = modal.safeDefault
    ? [{ title: DONT_RUN }, { title: modal.run }, { title: SHOW_PLAN }]
    : [{ title: modal.run }, { title: SHOW_PLAN }];
  for (;;) {
    const choice = await vscode.window.showWarningMessage(modal.message, { modal: true, detail: modal.detail }, ...items);
    if (choice?.title !== SHOW_PLAN) return choice?.title === modal.run;
    const document = await vscode.workspace.openTextDocument({ content: confirmation.details, language: 'plaintext' });
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
  }
}
