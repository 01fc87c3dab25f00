import * as vscode from 'vscode';
import type { Incidents } from '../incident/incidents.ts';
import type { StepRuns, StepRunSummary } from '../run/step-runs.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { stepKey } from '../step-target.ts';
import { rangeOf } from '../vscode-range.ts';
import { MarkdownDecorations, type DrawnDecoration } from './markdown-decorations.ts';
import { failedCommandText, type FailedCommandsOf, stepStatusText } from './step-status-text.ts';

const TYPES = {
  succeeded: decorationType('testing.iconPassed'),
  failed: decorationType('testing.iconFailed'),
  other: decorationType('editorCodeLens.foreground'),
};

/**
 * After each step's opening fence, the last run's result: the open current
 * incident's (from its journal), else this window's; and after each command
 * of it that failed, its exit code.
 */
export class StepStatusDecorations extends MarkdownDecorations {
  constructor(
    private readonly documents: RunbookDocuments,
    private readonly runs: StepRuns,
    private readonly incidents: Incidents,
  ) {
    super([runs.onDidChange, incidents.onDidChange, documents.onDidChange], Object.values(TYPES));
  }

  protected async draw(editor: vscode.TextEditor): Promise<DrawnDecoration[]> {
    const { document } = editor;
    const runbook = await this.documents.runbookOf(document);
    // Runs outside an open incident are not journaled: this window's results stand in.
    const incident = this.incidents.current?.status === 'open' ? this.incidents.current : undefined;
    const byType = { succeeded: [] as vscode.DecorationOptions[], failed: [] as vscode.DecorationOptions[], other: [] as vscode.DecorationOptions[] };
    const drawn: DrawnDecoration[] = [];
    for (const step of runbook.steps) {
      const summary: (StepRunSummary & FailedCommandsOf) | undefined = incident ? incident.steps.get(step.id) : this.runs.last(stepKey(document.uri, step.id));
      if (summary === undefined) continue;
      const line = rangeOf(step.position).start.line;
      const text = stepStatusText(summary);
      const end = document.lineAt(line).range.end;
      const failedCommands = summary.failedCommands ?? [];
      const kind =
        summary.status === 'succeeded' && failedCommands.length > 0
          ? 'failed'
          : summary.status === 'succeeded' || summary.status === 'failed'
            ? summary.status
            : 'other';
      byType[kind].push({ range: new vscode.Range(end, end), renderOptions: { after: { contentText: text } } });
      drawn.push({ line, text });
      for (const command of failedCommands) {
        const point = { line: command.line, column: 1, offset: 0 };
        const commandLine = rangeOf({ start: point, end: point }).start.line;
        if (commandLine >= document.lineCount) continue;
        const commandEnd = document.lineAt(commandLine).range.end;
        const commandText = failedCommandText(command);
        byType.failed.push({ range: new vscode.Range(commandEnd, commandEnd), renderOptions: { after: { contentText: commandText } } });
        drawn.push({ line: commandLine, text: commandText });
      }
    }
    for (const [kind, type] of Object.entries(TYPES)) editor.setDecorations(type, byType[kind as keyof typeof byType]);
    return drawn;
  }
}

function decorationType(color: string): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor(color) },
  });
}
