import * as vscode from 'vscode';
import { loadCore } from '../core.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { Command } from './command.ts';

export class ExportTimelineCommand implements Command {
  readonly id = 'runbook.exportTimeline';

  constructor(private readonly incidents: Incidents) {}

  /** Opens the current incident's timeline as a Markdown table (for the post-incident review) and resolves to it. */
  async execute(): Promise<string | undefined> {
    const current = this.incidents.current;
    if (current === undefined) {
      void vscode.window.showInformationMessage('Runbook: no current incident.');
      return undefined;
    }
    const core = await loadCore();
    const table = core.formatTimelineTable(core.incidentTimeline(current));
    const content = `# Timeline of ${current.id}${current.title ? `: ${current.title}` : ''}\n\n${table}`;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(document, { preview: false });
    return content;
  }
}
