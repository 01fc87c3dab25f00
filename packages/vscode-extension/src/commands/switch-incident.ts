import * as vscode from 'vscode';
import type { IncidentState } from 'runbook-core';
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
    const started = (incident: IncidentState) => (incident.startedAt === undefined ? 0 : Date.parse(incident.startedAt));
    const open = all.filter((incident) => incident.status === 'open').sort((a, b) => started(a) - started(b));
    const closed = all.filter((incident) => incident.status !== 'open').sort((a, b) => started(b) - started(a));
    const item = (incident: IncidentState): vscode.QuickPickItem => ({
      label: incident.title ?? incident.id,
      description: [incident.id, incident.severity, incident.cancelled ? 'cancelled' : incident.status === 'open' ? undefined : 'resolved']
        .filter(Boolean)
        .join(' · '),
      ...(incident.startedAt ? { detail: `started ${humanTime(incident.startedAt)}` } : {}),
      picked: incident.id === this.incidents.current?.id,
    });
    const ids = new Map<vscode.QuickPickItem, string>();
    const items: vscode.QuickPickItem[] = [];
    for (const [label, group] of [
      ['Open', open],
      ['Resolved', closed],
    ] as const) {
      if (group.length > 0) items.push({ label, kind: vscode.QuickPickItemKind.Separator });
      for (const incident of group) {
        const entry = item(incident);
        ids.set(entry, incident.id);
        items.push(entry);
      }
    }
    const picked = await vscode.window.showQuickPick(items, { title: 'Switch incident' });
    return picked === undefined ? undefined : ids.get(picked);
  }
}

/** `2026-11-14 14:23 UTC`: a person reads it, not a machine. */
function humanTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
