import * as vscode from 'vscode';
import type { IncidentState } from 'runbook-core';
import type { Incidents } from '../incident/incidents.ts';
import type { Command } from './command.ts';

export class SwitchIncidentCommand implements Command {
  readonly id = 'runbook.switchIncident';

  constructor(private readonly incidents: Incidents) {}

  /** Makes another incident current: the one given, or one picked among the open ones. */
  async execute(id?: string): Promise<IncidentState | undefined> {
    const chosen = id ?? (await this.#pick());
    if (chosen === undefined) return undefined;
    return this.incidents.switchTo(chosen);
  }

  async #pick(): Promise<string | undefined> {
    const open = (await this.incidents.list()).filter((incident) => incident.status === 'open');
    if (open.length === 0) {
      void vscode.window.showInformationMessage('Runbook: no open incident. Start one with "Runbook: Start Incident".');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      open.map(
        (incident): vscode.QuickPickItem => ({
          label: incident.id,
          description: [incident.severity, incident.title].filter(Boolean).join(' · '),
          ...(incident.startedAt ? { detail: `started ${incident.startedAt}` } : {}),
          picked: incident.id === this.incidents.current?.id,
        }),
      ),
      { title: 'Switch incident' },
    );
    return picked?.label;
  }
}
