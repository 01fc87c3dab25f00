import * as vscode from 'vscode';
import type { IncidentState } from 'runbook-core';
import { activeRunbook } from '../active-runbook.ts';
import { loadCore } from '../core.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import type { Command } from './command.ts';

export interface StartIncidentArgs {
  severity?: string;
  title?: string;
}

export class StartIncidentCommand implements Command {
  readonly id = 'runbook.startIncident';

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {}

  /** Asks for what is not given: severity from the runbook's levels, then a title. The id comes from the runbook's template. */
  async execute(args: StartIncidentArgs = {}): Promise<IncidentState | undefined> {
    const core = await loadCore();
    const active = await activeRunbook(this.documents);
    const levels = core.severityLevels(active?.runbook);
    const severity =
      args.severity ??
      (
        await vscode.window.showQuickPick(
          levels.map(
            (level): vscode.QuickPickItem => ({
              label: level.id,
              ...(level.label === undefined ? {} : { description: level.label }),
              detail: [
                level.responseMinutes === undefined ? undefined : `respond within ${level.responseMinutes} min`,
                level.updateEveryMinutes === undefined ? undefined : `status update every ${level.updateEveryMinutes} min`,
              ]
                .filter(Boolean)
                .join(' · '),
            }),
          ),
          { title: 'Start incident: severity', ignoreFocusOut: true },
        )
      )?.label;
    if (severity === undefined) return undefined;
    const title = args.title ?? (await vscode.window.showInputBox({ title: 'Start incident: what is happening?', ignoreFocusOut: true }));
    if (!title) return undefined;
    const state = await this.incidents.start({
      severity,
      title,
      ...(active ? { runbook: active.runbook, runbookPath: active.document.uri.fsPath } : {}),
    });
    void vscode.window.showInformationMessage(`Runbook: incident ${state.id} (${state.severity}) started.`);
    return state;
  }
}
