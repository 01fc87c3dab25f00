import * as vscode from 'vscode';
import { checkedInIncident } from '../checklist/checklist-state.ts';
import { resolveChecklistItem, type ChecklistTarget } from '../checklist/resolve-item.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { readSettings } from '../settings.ts';
import type { Command } from './command.ts';

const START = 'Start Incident';

export class ToggleChecklistItemCommand implements Command {
  readonly id = 'runbook.toggleChecklistItem';

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {}

  /** Ticks or unticks an item for the current incident (journal); resolves to the new state. */
  async execute(target?: ChecklistTarget): Promise<boolean | undefined> {
    const resolved = await resolveChecklistItem(this.documents, target);
    if (resolved === undefined) {
      void vscode.window.showInformationMessage('Runbook: put the cursor on a checklist item (- [ ] …).');
      return undefined;
    }
    const incident = this.incidents.current;
    if (incident !== undefined && incident.status !== 'open') {
      void vscode.window
        .showInformationMessage(`Runbook: incident ${incident.id} is closed; its checklist is kept as it was. Start a new one to tick.`, START)
        .then((choice) => {
          if (choice === START) void vscode.commands.executeCommand('runbook.startIncident');
        });
      return undefined;
    }
    if (incident === undefined) {
      void vscode.window.showInformationMessage('Runbook: ticks belong to an incident; start one first.', START).then((choice) => {
        if (choice === START) void vscode.commands.executeCommand('runbook.startIncident');
      });
      return undefined;
    }
    const { document, item } = resolved;
    const checked = !checkedInIncident(incident, item);
    await this.incidents.record({ type: checked ? 'checklist-ticked' : 'checklist-unticked', itemId: item.id, text: item.text });
    if (readSettings(document.uri).writeTicksToFile) await writeTick(document, item.boxOffset, checked);
    return checked;
  }
}

// The one character inside `[ ]`, as an undoable edit (core has no edit API yet).
async function writeTick(document: vscode.TextDocument, boxOffset: number, checked: boolean): Promise<void> {
  const box = new vscode.Range(document.positionAt(boxOffset), document.positionAt(boxOffset + 1));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, box, checked ? 'x' : ' ');
  await vscode.workspace.applyEdit(edit);
}
