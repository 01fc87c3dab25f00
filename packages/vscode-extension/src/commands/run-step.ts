import * as vscode from 'vscode';
import type { RunbookDocuments } from '../runbook-documents.ts';
import type { RunStepOutcome } from '../run/run-step-outcome.ts';
import type { StepRunner } from '../run/step-runner.ts';
import { resolveStep } from '../resolve-step.ts';
import type { StepTarget } from '../step-target.ts';
import type { Command } from './command.ts';

export class RunStepCommand implements Command {
  readonly id = 'runbook.runStep';

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly runner: StepRunner,
  ) {}

  async execute(target?: StepTarget): Promise<RunStepOutcome> {
    if (!vscode.workspace.isTrusted) {
      const reason = 'Steps do not run in an untrusted folder. Trust the folder to run them.';
      void vscode.window.showWarningMessage(`Runbook: ${reason}`);
      return { status: 'refused', reason };
    }
    const resolved = await resolveStep(this.documents, target);
    if (!resolved.found) {
      void vscode.window.showErrorMessage(`Runbook: ${resolved.reason}`);
      return { status: 'not-found', reason: resolved.reason };
    }
    try {
      const outcome = await this.runner.run(resolved.document, resolved.runbook, resolved.step, target?.commands);
      if (outcome.status === 'busy') void vscode.window.showInformationMessage(`Runbook: ${outcome.reason}`);
      // A refusal says why (the guard names the expected and the actual context); the terminal shows it too.
      if (outcome.status === 'refused') void vscode.window.showWarningMessage(`Runbook: ${outcome.reason}`);
      return outcome;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`Runbook: ${reason}`);
      return { status: 'error', reason };
    }
  }
}
