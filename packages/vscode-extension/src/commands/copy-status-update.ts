import * as vscode from 'vscode';
import { activeRunbook } from '../active-runbook.ts';
import { loadCore } from '../core.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { templateValues } from '../template-values.ts';
import type { Command } from './command.ts';

const POSTED = 'Mark as posted';

export class CopyStatusUpdateCommand implements Command {
  readonly id = 'runbook.copyStatusUpdate';

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {}

  /** Fills the active runbook's status-update template for the current incident, copies it and resolves to it. */
  async execute(): Promise<string | undefined> {
    const current = this.incidents.current;
    const active = await activeRunbook(this.documents);
    const core = await loadCore();
    const template = active && core.findStatusUpdateTemplate(active.runbook);
    if (current === undefined || active === undefined || template === undefined) {
      const missing = current === undefined ? 'no current incident' : 'no status-update template in the active runbook';
      void vscode.window.showInformationMessage(`Runbook: ${missing}.`);
      return undefined;
    }
    const { values, secretNames } = templateValues(active.runbook, current);
    const rendered = core.renderStatusUpdate(current, template, { values, mask: secretNames });
    await vscode.env.clipboard.writeText(rendered.text);
    // Posting happens elsewhere; once it has, the journal restarts the update clock.
    void vscode.window.showInformationMessage(`Runbook: status update for ${current.id} copied.`, POSTED).then(async (choice) => {
      if (choice === POSTED) await this.incidents.record({ type: 'status-update', text: rendered.text });
    });
    return rendered.text;
  }
}
