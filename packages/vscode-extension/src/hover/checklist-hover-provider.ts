import * as vscode from 'vscode';
import { checklistLook } from '../checklist/checklist-look.ts';
import type { ChecklistTarget } from '../checklist/resolve-item.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { rangeOf } from '../vscode-range.ts';

/** On a checklist item: its state in the current incident and a link that ticks or unticks it. */
export class ChecklistHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const runbook = await this.documents.runbookOf(document);
    const item = runbook.checklistItems.find((candidate) => rangeOf(candidate.position).start.line === position.line);
    if (item === undefined) return undefined;
    const incident = this.incidents.current;
    const markdown = new vscode.MarkdownString();
    if (incident?.status !== 'open') {
      markdown.appendMarkdown('No open incident: [Start Incident](command:runbook.startIncident) to tick items for it.');
    } else {
      const look = checklistLook(item, incident);
      const target: ChecklistTarget = { uri: document.uri.toString(), itemId: item.id };
      const args = encodeURIComponent(JSON.stringify([target]));
      markdown.appendText(`${look.state} · `);
      markdown.appendMarkdown(`[${look.action.verb}](command:runbook.toggleChecklistItem?${args})`);
    }
    markdown.isTrusted = { enabledCommands: ['runbook.toggleChecklistItem', 'runbook.startIncident'] };
    return new vscode.Hover(markdown, rangeOf(item.position));
  }
}
