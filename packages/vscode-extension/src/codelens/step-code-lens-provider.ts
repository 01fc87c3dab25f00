import * as vscode from 'vscode';
import type { RunbookDocuments } from '../runbook-documents.ts';
import type { StepTarget } from '../step-target.ts';
import { rangeOf } from '../vscode-range.ts';

export class StepCodeLensProvider implements vscode.CodeLensProvider {
  constructor(private readonly documents: RunbookDocuments) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return this.documents
      .stepsOf(document)
      .filter((step) => step.isShell)
      .map((step) => {
        const fenceLine = rangeOf(step.position).start.line;
        const target: StepTarget = { uri: document.uri, stepId: step.id };
        return new vscode.CodeLens(new vscode.Range(fenceLine, 0, fenceLine, 0), {
          title: '▶ Run step',
          tooltip: 'Run this step in a terminal',
          command: 'runbook.runStep',
          arguments: [target],
        });
      });
  }
}
