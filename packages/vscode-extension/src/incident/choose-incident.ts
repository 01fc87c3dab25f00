import * as vscode from 'vscode';
import type { IncidentState } from 'runbook-core';
import { incidentPickItems } from './incident-pick-item.ts';

/** What to ask and what to offer besides the incidents. */
export interface ChooseIncidentOptions {
  title: string;
  /** Marked as the current one. */
  currentId?: string;
  /** An extra first-level choice, e.g. "No incident (variables only)"; picking it resolves to `'none'`. */
  none?: string;
}

/**
 * A quick pick of incidents, open ones first, then resolved and cancelled
 * ones, each by title with its severity, status and start
 * (`started 14:02 (2 h ago)`). Resolves to the chosen one, `'none'`, or
 * undefined when dismissed.
 */
export async function chooseIncident(incidents: readonly IncidentState[], options: ChooseIncidentOptions): Promise<IncidentState | 'none' | undefined> {
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  const chosen = new Map<vscode.QuickPickItem, IncidentState | 'none'>();
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
  if (options.none !== undefined) {
    const none: vscode.QuickPickItem = { label: options.none };
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, none);
    chosen.set(none, 'none');
  }
  const picked = await vscode.window.showQuickPick(items, { title: options.title, matchOnDescription: true, matchOnDetail: true });
  return picked === undefined ? undefined : chosen.get(picked);
}
