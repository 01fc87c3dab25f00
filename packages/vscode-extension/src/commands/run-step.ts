import * as vscode from 'vscode';
import type { ScannedStep } from '../interim-step-scan.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import type { RunStepOutcome } from '../run/run-step-outcome.ts';
import { runStepInTask } from '../run/task-step-runner.ts';
import type { StepTarget } from '../step-target.ts';
import { rangeOf } from '../vscode-range.ts';
import type { Command } from './command.ts';

export class RunStepCommand implements Command {
  readonly id = 'runbook.runStep';

  constructor(private readonly documents: RunbookDocuments) {}

  async execute(target?: StepTarget): Promise<RunStepOutcome> {
    if (!vscode.workspace.isTrusted) {
      const reason = 'Steps do not run in an untrusted folder. Trust the folder to run them.';
      void vscode.window.showWarningMessage(`Runbook: ${reason}`);
      return { status: 'refused', reason };
    }
    const document = target ? await vscode.workspace.openTextDocument(target.uri) : vscode.window.activeTextEditor?.document;
    if (document === undefined) return { status: 'not-found', reason: 'No runbook is open.' };
    const steps = this.documents.stepsOf(document);
    const step = target
      ? steps.find((candidate) => candidate.id === target.stepId)
      : stepAtCursor(steps, vscode.window.activeTextEditor?.selection.active);
    if (step === undefined) {
      const reason = target ? `No step ${target.stepId} in ${document.uri.fsPath}.` : 'The cursor is not inside a step.';
      void vscode.window.showErrorMessage(`Runbook: ${reason}`);
      return { status: 'not-found', reason };
    }
    return runStepInTask(step, document);
  }
}

function stepAtCursor<T extends ScannedStep>(steps: readonly T[], cursor: vscode.Position | undefined): T | undefined {
  if (cursor === undefined) return undefined;
  return steps.find((step) => rangeOf(step.position).contains(cursor));
}
