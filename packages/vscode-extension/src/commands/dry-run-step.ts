import * as vscode from 'vscode';
import type { RunbookDocuments } from '../runbook-documents.ts';
import type { StepRunner } from '../run/step-runner.ts';
import { resolveStep } from '../resolve-step.ts';
import type { StepTarget } from '../step-target.ts';
import type { Command } from './command.ts';

export class DryRunStepCommand implements Command {
  readonly id = 'runbook.dryRunStep';
  readonly #output: vscode.OutputChannel;

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly runner: StepRunner,
  ) {
    this.#output = vscode.window.createOutputChannel('Runbook: Dry run');
  }

  /** Shows what the step would run, with which values and against what, and resolves to that text. */
  async execute(target?: StepTarget): Promise<string | undefined> {
    const resolved = await resolveStep(this.documents, target);
    if (!resolved.found) {
      void vscode.window.showErrorMessage(`Runbook: ${resolved.reason}`);
      return undefined;
    }
    const text = await this.runner.plan(resolved.document, resolved.runbook, resolved.step, target?.commands);
    this.#output.appendLine(text);
    this.#output.appendLine('');
    this.#output.show(true);
    return text;
  }

  dispose(): void {
    this.#output.dispose();
  }
}
