import * as vscode from 'vscode';
import type { IncidentState } from 'runbook-core';
import { loadCore } from '../core.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { Command } from './command.ts';

const OTHER = 'Another role…';

/**
 * "Runbook: Assign Role": who is incident commander, technical lead,
 * communications lead, … of the current open incident. Core records the
 * `assigned` event (a hand-over names the previous holder; the same person
 * again records nothing); the status bar, status update and review read it.
 */
export class AssignRoleCommand implements Command {
  readonly id = 'runbook.assignRole';

  constructor(private readonly incidents: Incidents) {}

  /** Resolves to the incident after the assignment, or undefined when there is none or the user backs out. */
  async execute(args: { role?: string; person?: string } = {}): Promise<IncidentState | undefined> {
    const current = this.incidents.current;
    if (current?.status !== 'open') {
      void vscode.window.showInformationMessage('Runbook: roles are assigned in an open incident; start or switch to one first.');
      return undefined;
    }
    const core = await loadCore();
    const role = args.role ?? (await this.#pickRole(current, core.KNOWN_ROLES));
    if (role === undefined || role.trim() === '') return undefined;
    const person =
      args.person ??
      (await vscode.window.showInputBox({
        title: `${current.id}: who is ${role}?`,
        prompt: current.roles?.[role] === undefined ? 'A name or handle' : `Now ${current.roles[role]}; a new name hands the role over`,
        ignoreFocusOut: true,
      }));
    if (person === undefined || person.trim() === '') return undefined;
    try {
      const result = await core.assignRole(current.id, role, person, this.incidents.location());
      await this.incidents.reload();
      const name = core.canonicalRole(role);
      const text = !result.changed
        ? `${name} is already ${person.trim()} (unchanged)`
        : `${name} is ${result.state.roles?.[name] ?? person.trim()}${result.previous === undefined ? '' : ` (handed over from ${result.previous})`}`;
      void vscode.window.showInformationMessage(`Runbook: ${current.id}: ${text}.`);
      if (result.changed) await this.incidents.announce(current.id, core.slackNotices.assigned(current.id, name, person.trim(), result.previous));
      return result.state;
    } catch (error) {
      void vscode.window.showErrorMessage(`Runbook: ${(error as Error).message}`);
      return undefined;
    }
  }

  async #pickRole(current: IncidentState, known: readonly string[]): Promise<string | undefined> {
    const items = [...new Set([...known, ...Object.keys(current.roles ?? {})])].map((role) => ({
      label: role,
      description: current.roles?.[role] ?? 'unassigned',
    }));
    const picked = await vscode.window.showQuickPick([...items, { label: OTHER, description: 'any word: security, customer, scribe…' }], {
      title: `${current.id}: assign which role?`,
      ignoreFocusOut: true,
    });
    if (picked?.label !== OTHER) return picked?.label;
    return vscode.window.showInputBox({ title: `${current.id}: role name`, prompt: 'One word, e.g. security', ignoreFocusOut: true });
  }
}
