import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type { IncidentState, Runbook } from 'runbook-core';
import { activeRunbook } from '../active-runbook.ts';
import { loadCore } from '../core.ts';
import { incidentFor } from '../incident/incident-for.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import type { Command } from './command.ts';

export class WriteReviewCommand implements Command {
  readonly id = 'runbook.writeReview';

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {}

  /**
   * Opens the post-incident review of an incident (the one named, the current
   * one, or one picked, resolved ones included) as a new Markdown document,
   * written by core as `runbook incident review` writes it, and resolves to it.
   */
  async execute(args: { incident?: string } = {}): Promise<string | undefined> {
    const incident = await incidentFor(this.incidents, { purpose: 'Post-incident review', ...(args.incident === undefined ? {} : { id: args.incident }) });
    if (incident === undefined) return undefined;
    const core = await loadCore();
    const review = core.reviewWithRunbook(incident, await this.#runbookOf(incident));
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: review.text });
    await vscode.window.showTextDocument(document, { preview: false });
    if (review.missing.length > 0) {
      void vscode.window.showInformationMessage(
        `Runbook: the journal of ${incident.id} does not record ${review.missing.join(', ')}; add a note ("Root cause: …") or resolve with a summary.`,
      );
    }
    return review.text;
  }

  /** The incident's own runbook when it is still there, else the active one: its review template is used. */
  async #runbookOf(incident: IncidentState): Promise<{ runbook: Runbook; source: string } | undefined> {
    const workspace = this.incidents.folder?.uri.fsPath;
    if (incident.runbook !== undefined && workspace !== undefined) {
      const path = isAbsolute(incident.runbook) ? incident.runbook : join(workspace, incident.runbook);
      try {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
        return { runbook: await this.documents.runbookOf(document), source: document.getText() };
      } catch {
        // Moved or deleted since the incident started: the active runbook is the next best.
      }
    }
    const active = await activeRunbook(this.documents);
    return active === undefined ? undefined : { runbook: active.runbook, source: active.document.getText() };
  }
}
