import * as vscode from 'vscode';
import { checklistLook } from '../checklist/checklist-look.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { rangeOf } from '../vscode-range.ts';
import { MarkdownDecorations, type DrawnDecoration } from './markdown-decorations.ts';

const TICKED = vscode.window.createTextEditorDecorationType({
  after: { margin: '0 0 0 1.5em', color: new vscode.ThemeColor('testing.iconPassed') },
});
const OPEN = vscode.window.createTextEditorDecorationType({
  after: { margin: '0 0 0 1.5em', color: new vscode.ThemeColor('editorCodeLens.foreground') },
});
// The file's `[ ]` is hidden and the incident's box drawn in its place; the text itself is untouched.
const BOX = vscode.window.createTextEditorDecorationType({
  textDecoration: 'none; display: none;',
  before: { color: new vscode.ThemeColor('testing.iconPassed'), fontWeight: 'bold' },
});

/**
 * Each checklist item's state in the current incident, whatever the file
 * says: a ticked item shows ☑ in place of its `[ ]` and `✓ ticked by ana 14:05`
 * after it; an item the file shows `[x]` but the incident has not ticked shows ☐.
 * Another incident, other ticks.
 */
export class ChecklistDecorations extends MarkdownDecorations {
  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {
    super([incidents.onDidChange, documents.onDidChange], [TICKED, OPEN, BOX]);
  }

  protected async draw(editor: vscode.TextEditor): Promise<DrawnDecoration[]> {
    const incident = this.incidents.current;
    const runbook = await this.documents.runbookOf(editor.document);
    const ticked: vscode.DecorationOptions[] = [];
    const open: vscode.DecorationOptions[] = [];
    const boxes: vscode.DecorationOptions[] = [];
    const drawn: DrawnDecoration[] = [];
    for (const item of incident ? runbook.checklistItems : []) {
      if (incident === undefined) break;
      const look = checklistLook(item, incident);
      const line = rangeOf(item.position).start.line;
      if (look.box !== undefined) {
        const box = new vscode.Range(editor.document.positionAt(item.boxOffset - 1), editor.document.positionAt(item.boxOffset + 2));
        boxes.push({ range: box, renderOptions: { before: { contentText: look.box } } });
        drawn.push({ line, text: look.box });
      }
      if (look.after !== undefined) {
        (look.checked ? ticked : open).push({ range: editor.document.lineAt(line).range, renderOptions: { after: { contentText: look.after } } });
        drawn.push({ line, text: look.after });
      }
    }
    editor.setDecorations(TICKED, ticked);
    editor.setDecorations(OPEN, open);
    editor.setDecorations(BOX, boxes);
    return drawn;
  }
}
