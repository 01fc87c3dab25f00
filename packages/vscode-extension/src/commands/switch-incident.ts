import * as vscode from 'vscode';
import type { IncidentState } from 'runbook-core';
import { chooseIncident } from '../incident/choose-incident.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { Command } from './command.ts';

export class SwitchIncidentCommand implements Command {
  readonly id = 'runbook.switchIncident';

  constructor(private readonly incidents: Incidents) {}

  /** Makes another incident current: the one given, or one picked (open ones first; resolved ones stay reachable for their timeline and review). */
  async execute(id?: string): Promise<IncidentState | undefined> {
    const chosen = id ?? (await this.#pick());
    if (chosen === undefined) return undefined;
    return this.incidents.switchTo(chosen);
  }

  async #pick(): Promise<string | undefined> {
    const all = await this.incidents.list();
    if (all.length === 0) {
      void vscode.window.showInformationMessage('Runbook: no incident yet. Start one with "Runbook: Start Incident".');
      return undefined;
    }
    const current = this.incidents.current?.id;
    const chosen = await chooseIncident(all, { title: 'Switch incident', ...(current === undefined ? {} : { currentId: current }) });
    return chosen?.id;
  }
}
