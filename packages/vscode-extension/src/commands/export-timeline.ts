import * as vscode from 'vscode';
import { loadCore } from '../core.ts';
import { incidentFor } from '../incident/incident-for.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { Command } from './command.ts';

export class ExportTimelineCommand implements Command {
  readonly id = 'runbook.exportTimeline';

  constructor(private readonly incidents: Incidents) {}

  /**
   * Opens an incident's timeline as a Markdown table (for the post-incident
   * review) and resolves to it: the one named, the current one, or one picked
   * (resolved incidents included).
   */
  async execute(args: { incident?: string } = {}): Promise<string | undefined> {
    const incident = await incidentFor(this.incidents, { purpose: 'Export timeline', ...(args.incident === undefined ? {} : { id: args.incident }) });
    if (incident === undefined) return undefined;
    const core = await loadCore();
    const table = core.formatTimelineTable(core.incidentTimeline(incident));
    const status = incident.cancelled ? ' (cancelled)' : incident.status === 'resolved' ? ' (resolved)' : '';
    const content = `# Timeline of ${incident.id}${incident.title ? `: ${incident.title}` : ''}${status}\n\n${table}`;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(document, { preview: false });
    return content;
  }
}
