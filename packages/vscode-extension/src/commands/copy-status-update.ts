import * as vscode from 'vscode';
import { activeRunbook } from '../active-runbook.ts';
import { loadCore } from '../core.ts';
import { incidentFor } from '../incident/incident-for.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { templateValues } from '../template-values.ts';
import type { Command } from './command.ts';
import { askSlotInInputBox } from './ask-slot-in-input-box.ts';
import { type FillOptions, fillEmptySlots } from './fill-empty-slots.ts';

const POSTED = 'Mark as posted';
const POST = 'Post to Slack';

export class CopyStatusUpdateCommand implements Command {
  readonly id = 'runbook.copyStatusUpdate';

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {}

  /**
   * Fills the active runbook's status-update template for an incident (the one
   * named, the current one, or one picked, resolved ones included), copies it
   * and resolves to it. Slots the incident cannot fill are asked for, one
   * input box each (`fills` answers some up front, `ask: false` asks none).
   */
  async execute(args: { incident?: string; post?: boolean } & FillOptions = {}): Promise<string | undefined> {
    const active = await activeRunbook(this.documents);
    const core = await loadCore();
    const template = active && core.findStatusUpdateTemplate(active.runbook);
    if (active === undefined || template === undefined) {
      void vscode.window.showInformationMessage('Runbook: no status-update template in the active runbook.');
      return undefined;
    }
    const current = await incidentFor(this.incidents, { purpose: 'Copy status update', ...(args.incident === undefined ? {} : { id: args.incident }) });
    if (current === undefined) return undefined;
    const { values, secretNames } = templateValues(active.runbook, current);
    const { rendered, empty } = await fillEmptySlots(
      (fills) => core.renderStatusUpdate(current, template, { values, fills, mask: secretNames }),
      askSlotInInputBox,
      args,
    );
    await vscode.env.clipboard.writeText(rendered.text);
    const left = empty.length === 0 ? '' : `; left empty: ${empty.join(', ')}`;
    if (current.status !== 'open') {
      void vscode.window.showInformationMessage(`Runbook: update for ${current.id} (${current.cancelled ? 'cancelled' : 'resolved'}) copied${left}.`);
      return rendered.text;
    }
    // Posting happens elsewhere; once it has, the journal restarts the update clock.
    if (args.post === true) {
      await this.#post(current.id, rendered.text);
      return rendered.text;
    }
    void vscode.window.showInformationMessage(`Runbook: status update for ${current.id} copied${left}.`, POSTED, POST).then(async (choice) => {
      if (choice === POSTED) await this.incidents.record({ type: 'status-update', text: rendered.text }, current.id);
      if (choice === POST) await this.#post(current.id, rendered.text);
    });
    return rendered.text;
  }

  /** Records the update (it restarts the update clock) and posts it where the runbook or workspace configures Slack. */
  async #post(id: string, text: string): Promise<void> {
    await this.incidents.record({ type: 'status-update', text }, id);
    const core = await loadCore();
    if (await this.incidents.announce(id, core.slackNotices.statusUpdate(text)))
      void vscode.window.showInformationMessage(`Runbook: status update for ${id} posted to Slack.`);
  }
}
