import * as vscode from 'vscode';
import type { IncidentState } from 'runbook-core';
import type { Incidents } from '../incident/incidents.ts';
import type { Command } from './command.ts';

export class ResolveIncidentCommand implements Command {
  readonly id = 'runbook.resolveIncident';

  constructor(private readonly incidents: Incidents) {}

  async execute(args: { summary?: string } = {}): Promise<IncidentState | undefined> {
    const current = this.incidents.current;
    if (current?.status !== 'open') {
      void vscode.window.showInformationMessage('Runbook: no open incident is current.');
      return undefined;
    }
    const summary = args.summary ?? (await vscode.window.showInputBox({ title: `Resolve ${current.id}: summary (optional)`, ignoreFocusOut: true }));
    if (summary === undefined) return undefined;
    const state = await this.incidents.resolve(summary || undefined);
    void vscode.window.showInformationMessage(`Runbook: incident ${state.id} resolved.`);
    return state;
  }
}
