import * as vscode from 'vscode';
import { checkedInIncident } from '../checklist/checklist-state.ts';
import { clockTime } from '../clock-time.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { rangeOf } from '../vscode-range.ts';
import { MarkdownDecorations, type DrawnDecoration } from './markdown-decorations.ts';

const TICKED = vscode.window.createTextEditorDecorationType({
  after: { margin: '0 0 0 1.5em', color: new vscode.ThemeColor('testing.iconPassed') },
  backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
});
const OPEN = vscode.window.createTextEditorDecorationType({
  after: { margin: '0 0 0 1.5em', color: new vscode.ThemeColor('editorCodeLens.foreground') },
});

/**
 * Each checklist item's state in the current incident, drawn after the item
 * whatever the file says: `✓ ticked by ana 14:05`, or `☐ open in INC-…` for
 * an item the file shows ticked.
 */
export class ChecklistDecorations extends MarkdownDecorations {
  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {
    super([incidents.onDidChange, documents.onDidChange], [TICKED, OPEN]);
  }

  protected async draw(editor: vscode.TextEditor): Promise<DrawnDecoration[]> {
    const incident = this.incidents.current;
    const runbook = await this.documents.runbookOf(editor.document);
    const ticked: vscode.DecorationOptions[] = [];
    const open: vscode.DecorationOptions[] = [];
    const drawn: DrawnDecoration[] = [];
    for (const item of incident ? runbook.checklistItems : []) {
      const line = rangeOf(item.position).start.line;
      const state = incident?.checklist.get(item.id);
      const done = incident !== undefined && checkedInIncident(incident, item);
      if (!done && !item.checked) continue;
      const text = done ? `✓ ticked by ${state?.who ?? '?'}${state ? ` ${clockTime(state.time)}` : ''}` : `☐ open in ${incident?.id}`;
      (done ? ticked : open).push({ range: editor.document.lineAt(line).range, renderOptions: { after: { contentText: text } } });
      drawn.push({ line, text });
    }
    editor.setDecorations(TICKED, ticked);
    editor.setDecorations(OPEN, open);
    return drawn;
  }
}
