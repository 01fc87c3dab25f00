import * as vscode from 'vscode';
import type { IncidentState } from 'runbook-core';
import { chooseIncident } from './choose-incident.ts';
import type { Incidents } from './incidents.ts';

export interface IncidentForOptions {
  /** What the incident is for, in the picker's title: `Export timeline`. */
  purpose: string;
  /** The incident a caller named (a test, a link): no asking. */
  id?: string;
}

/**
 * The incident a reading command (timeline, templates, review) acts on:
 * the one named, else the current one, else the only one, else one the user
 * picks — resolved and cancelled incidents included, so resolving one does not
 * make it unreachable. Undefined when there is none or the pick is dismissed.
 */
export async function incidentFor(incidents: Incidents, options: IncidentForOptions): Promise<IncidentState | undefined> {
  if (options.id !== undefined) return incidents.load(options.id);
  if (incidents.current !== undefined) return incidents.current;
  const all = await incidents.list();
  if (all.length <= 1) {
    if (all.length === 0) void vscode.window.showInformationMessage('Runbook: no incident yet. Start one with "Runbook: Start Incident".');
    return all[0];
  }
  return chooseIncident(all, { title: `${options.purpose}: which incident?` });
}
