import * as vscode from 'vscode';
import type { IncidentState } from 'runbook-core';
import { incidentPickItems } from './incident-pick-item.ts';

/** The picker's title, and which incident is current. */
export interface ChooseIncidentOptions {
  title: string;
  /** Marked as the current one. */
  currentId?: string;
}

/**
 * A quick pick of incidents, open ones first, then resolved and cancelled
 * ones, each by title with its severity, status and start
 * (`started 14:02 (2 h ago)`). Resolves to the chosen one, or undefined
 * when dismissed.
 */
export async function chooseIncident(incidents: readonly IncidentState[], options: ChooseIncidentOptions): Promise<IncidentState | undefined> {
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  const chosen = new Map<vscode.QuickPickItem, IncidentState>();
  const items: vscode.QuickPickItem[] = [];
  let group: string | undefined;
  for (const pick of incidentPickItems(incidents, Date.now())) {
    if (pick.group !== group) items.push({ label: pick.group, kind: vscode.QuickPickItemKind.Separator });
    group = pick.group;
    const current = pick.id === options.currentId;
    const item: vscode.QuickPickItem = { label: pick.label, description: `${pick.description}${current ? ' · current' : ''}`, detail: pick.detail };
    const incident = byId.get(pick.id);
    if (incident === undefined) continue;
    chosen.set(item, incident);
    items.push(item);
  }
  const picked = await vscode.window.showQuickPick(items, { title: options.title, matchOnDescription: true, matchOnDetail: true });
  return picked === undefined ? undefined : chosen.get(picked);
}
