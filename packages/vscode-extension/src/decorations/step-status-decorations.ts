import * as vscode from 'vscode';
import type { Incidents } from '../incident/incidents.ts';
import type { StepRuns, StepRunSummary } from '../run/step-runs.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { stepKey } from '../step-target.ts';
import { rangeOf } from '../vscode-range.ts';
import { stepStatusText } from './step-status-text.ts';

/** A decoration as drawn: plain data, so tests can see what the user sees. */
export interface DrawnDecoration {
  /** 0-based line. */
  line: number;
  text: string;
}

/**
 * After each step's opening fence, the last run's result: the open current
 * incident's (from its journal), else this window's.
 */
export class StepStatusDecorations implements vscode.Disposable {
  readonly #types = {
    succeeded: decorationType('testing.iconPassed'),
    failed: decorationType('testing.iconFailed'),
    other: decorationType('editorCodeLens.foreground'),
  };
  readonly #drawn = new Map<string, DrawnDecoration[]>();
  readonly #subscriptions: vscode.Disposable[];

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly runs: StepRuns,
    private readonly incidents: Incidents,
  ) {
    const refresh = (): void => void this.refresh();
    this.#subscriptions = [
      vscode.window.onDidChangeVisibleTextEditors(refresh),
      runs.onDidChange(refresh),
      incidents.onDidChange(refresh),
      documents.onDidChange(refresh),
      ...Object.values(this.#types),
    ];
  }

  drawn(uri: vscode.Uri): DrawnDecoration[] {
    return this.#drawn.get(uri.toString()) ?? [];
  }

  async refresh(): Promise<void> {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.languageId === 'markdown') await this.#draw(editor);
    }
  }

  async #draw(editor: vscode.TextEditor): Promise<void> {
    const { document } = editor;
    const runbook = await this.documents.runbookOf(document);
    // Runs outside an open incident are not journaled: this window's results stand in.
    const incident = this.incidents.current?.status === 'open' ? this.incidents.current : undefined;
    const byType = { succeeded: [] as vscode.DecorationOptions[], failed: [] as vscode.DecorationOptions[], other: [] as vscode.DecorationOptions[] };
    const drawn: DrawnDecoration[] = [];
    for (const step of runbook.steps) {
      const summary: StepRunSummary | undefined = incident ? incident.steps.get(step.id) : this.runs.last(stepKey(document.uri, step.id));
      if (summary === undefined) continue;
      const line = rangeOf(step.position).start.line;
      const text = stepStatusText(summary);
      const end = document.lineAt(line).range.end;
      const kind = summary.status === 'succeeded' || summary.status === 'failed' ? summary.status : 'other';
      byType[kind].push({ range: new vscode.Range(end, end), renderOptions: { after: { contentText: text } } });
      drawn.push({ line, text });
    }
    for (const [kind, type] of Object.entries(this.#types)) editor.setDecorations(type, byType[kind as keyof typeof byType]);
    this.#drawn.set(document.uri.toString(), drawn);
  }

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
  }
}

function decorationType(color: string): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor(color) },
  });
}
