import * as vscode from 'vscode';
import { StepCodeLensProvider } from './codelens/step-code-lens-provider.ts';
import type { Command } from './commands/command.ts';
import { RunStepCommand } from './commands/run-step.ts';
import { RunbookDocuments } from './runbook-documents.ts';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

export function activate(context: vscode.ExtensionContext): void {
  const documents = new RunbookDocuments();
  const commands: Command[] = [new RunStepCommand(documents)];
  context.subscriptions.push(
    ...commands.map((command) => vscode.commands.registerCommand(command.id, command.execute, command)),
    vscode.languages.registerCodeLensProvider(MARKDOWN, new StepCodeLensProvider(documents)),
    vscode.workspace.onDidCloseTextDocument((document) => documents.forget(document)),
  );
}

export function deactivate(): void {}
