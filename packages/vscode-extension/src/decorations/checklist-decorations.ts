import * as vscode from 'vscode';
import { checkedInIncident } from '../checklist/checklist-state.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { rangeOf } from '../vscode-range.ts';
import { clockTime } from '../clock-time.ts';
import type { DrawnDecoration } from './step-status-decorations.ts';

/**
 * Each checklist item's state in the current incident, drawn after the item
 * whatever the file says: `✓ ticked by ana 14:05`, or `☐ open in INC-…` for
 * an item the file shows ticked.
 */
export class ChecklistDecorations implements vscode.Disposable {
  readonly #ticked = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 1.5em', color: new vscode.ThemeColor('testing.iconPassed') },
    backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
  });
  readonly #open = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 1.5em', color: new vscode.ThemeColor('editorCodeLens.foreground') },
  });
  readonly #drawn = new Map<string, DrawnDecoration[]>();
  readonly #subscriptions: vscode.Disposable[];

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {
    const refresh = (): void => void this.refresh();
    this.#subscriptions = [
      vscode.window.onDidChangeVisibleTextEditors(refresh),
      incidents.onDidChange(refresh),
      documents.onDidChange(refresh),
      this.#ticked,
      this.#open,
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
    const incident = this.incidents.current;
    const runbook = await this.documents.runbookOf(editor.document);
    const ticked: vscode.DecorationOptions[] = [];
    const open: vscode.DecorationOptions[] = [];
    const drawn: DrawnDecoration[] = [];
    for (const item of incident ? runbook.checklistItems : []) {
      const line = rangeOf(item.position).start.line;
      const end = editor.document.lineAt(line).range.end;
      const state = incident?.checklist.get(item.id);
      let text: string | undefined;
      if (incident && checkedInIncident(incident, item)) text = `✓ ticked by ${state?.who ?? '?'} ${state ? clockTime(state.time) : ''}`.trimEnd();
      else if (item.checked) text = `☐ open in ${incident?.id}`;
      if (text === undefined) continue;
      (text.startsWith('✓') ? ticked : open).push({
        range: new vscode.Range(line, 0, end.line, end.character),
        renderOptions: { after: { contentText: text } },
      });
      drawn.push({ line, text });
    }
    editor.setDecorations(this.#ticked, ticked);
    editor.setDecorations(this.#open, open);
    this.#drawn.set(editor.document.uri.toString(), drawn);
  }

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
  }
}
