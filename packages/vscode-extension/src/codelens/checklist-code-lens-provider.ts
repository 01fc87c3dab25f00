import * as vscode from 'vscode';
import { checklistLook } from '../checklist/checklist-look.ts';
import type { ChecklistTarget } from '../checklist/resolve-item.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { rangeOf } from '../vscode-range.ts';

/**
 * Above each checklist item while an incident is open: `☐ Tick` or
 * `☑ Untick` for that incident, one click. Nothing without an open
 * incident: ticks belong to one, and a README's task list stays quiet.
 */
export class ChecklistCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.#changed.event;
  readonly #subscription: vscode.Disposable;

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {
    this.#subscription = incidents.onDidChange(() => this.#changed.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const incident = this.incidents.current;
    if (incident?.status !== 'open') return [];
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

  dispose(): void {
    this.#subscription.dispose();
    this.#changed.dispose();
  }
}
