import * as vscode from 'vscode';
import { StepCodeLensProvider } from './codelens/step-code-lens-provider.ts';
import { CancelStepCommand } from './commands/cancel-step.ts';
import type { Command } from './commands/command.ts';
import { CopyRenderedCommand } from './commands/copy-rendered.ts';
import { DryRunStepCommand } from './commands/dry-run-step.ts';
import { RunStepCommand } from './commands/run-step.ts';
import { StepStatusDecorations, type DrawnDecoration } from './decorations/step-status-decorations.ts';
import { Incidents } from './incident/incidents.ts';
import { StepRunner } from './run/step-runner.ts';
import { StepRuns } from './run/step-runs.ts';
import { RunbookDocuments } from './runbook-documents.ts';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

/** What the extension shows, as data: for tests and for other extensions. */
export interface RunbookExtensionApi {
  stepDecorations(uri: vscode.Uri): DrawnDecoration[];
}

export function activate(context: vscode.ExtensionContext): RunbookExtensionApi {
  const documents = new RunbookDocuments();
  const runs = new StepRuns();
  const incidents = new Incidents();
  const runner = new StepRunner(runs, incidents);
  const stepStatus = new StepStatusDecorations(documents, runs, incidents);
  const codeLenses = new StepCodeLensProvider(documents, runs);
  const commands: (Command & Partial<vscode.Disposable>)[] = [
    new RunStepCommand(documents, runner),
    new CancelStepCommand(runs),
    new DryRunStepCommand(documents, runner),
    new CopyRenderedCommand(documents, incidents),
  ];
  context.subscriptions.push(
    documents,
    runs,
    incidents,
    stepStatus,
    codeLenses,
    ...commands.map((command) => vscode.commands.registerCommand(command.id, command.execute, command)),
    ...commands.flatMap((command) => (command.dispose ? [{ dispose: () => command.dispose?.() }] : [])),
    vscode.languages.registerCodeLensProvider(MARKDOWN, codeLenses),
  );
  void incidents.reload().then(() => stepStatus.refresh());
  return { stepDecorations: (uri) => stepStatus.drawn(uri) };
}

export function deactivate(): void {}
