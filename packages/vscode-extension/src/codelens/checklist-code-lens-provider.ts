import * as vscode from 'vscode';
import type { IncidentState } from 'runbook-core';
import { checklistLook } from '../checklist/checklist-look.ts';
import type { ChecklistTarget } from '../checklist/resolve-item.ts';
import { IncidentLensProvider } from '../incident/incident-lens-provider.ts';
import { rangeOf } from '../vscode-range.ts';

/**
 * Above each checklist item while an incident is open: `☐ Tick` or
 * `☑ Untick` for that incident, one click. Nothing without an open
 * incident: ticks belong to one, and a README's task list stays quiet.
 */
export class ChecklistCodeLensProvider extends IncidentLensProvider {
  protected async lensesFor(document: vscode.TextDocument, incident: IncidentState): Promise<vscode.CodeLens[]> {
    const runbook = await this.documents.runbookOf(document);
    return runbook.checklistItems.map((item) => {
      const look = checklistLook(item, incident);
      const line = rangeOf(item.position).start.line;
      const target: ChecklistTarget = { uri: document.uri, itemId: item.id };
      return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: look.action.title,
        tooltip: `${look.state}. Click to ${look.action.verb.toLowerCase()} it (the journal records it; the file is left alone).`,
        command: 'runbook.toggleChecklistItem',
        arguments: [target],
      });
    });
  }
}
