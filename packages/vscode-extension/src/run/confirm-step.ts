import * as vscode from 'vscode';
import type { ConfirmRequest } from 'runbook-core';

const RUN = 'Run';

/** The modal before a risky step: the commands, their risk and the kube context, as core renders them. */
export async function confirmStep(request: Pick<ConfirmRequest, 'plan' | 'text'>): Promise<boolean> {
  const { plan } = request;
  const name = plan.stepName ?? plan.stepId;
  const what = plan.risk === 'read' ? 'Run' : plan.risk === 'destroy' ? 'Run DESTRUCTIVE' : 'Run mutating';
  const context = plan.target.kubernetes?.context;
  const title = `${what} step "${name}"${context ? ` against kube context "${context}"` : ''}?`;
  const choice = await vscode.window.showWarningMessage(title, { modal: true, detail: request.text }, RUN);
  return choice === RUN;
}
