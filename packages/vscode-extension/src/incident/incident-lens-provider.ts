import * as vscode from 'vscode';
import type { IncidentState } from 'runbook-core';
import type { RunbookDocuments } from '../runbook-documents.ts';
import type { Incidents } from './incidents.ts';

/**
 * Lenses drawn from the current open incident (ticks, approvals): redrawn
 * whenever the incident changes, none without an open one.
 */
export abstract class IncidentLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.#changed.event;
  readonly #subscription: vscode.Disposable;

  constructor(
    protected readonly documents: RunbookDocuments,
    protected readonly incidents: Incidents,
  ) {
    this.#subscription = incidents.onDidChange(() => this.#changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> | vscode.CodeLens[] {
    const incident = this.incidents.current;
    return incident?.status === 'open' ? this.lensesFor(document, incident) : [];
  }

  protected abstract lensesFor(document: vscode.TextDocument, incident: IncidentState): Promise<vscode.CodeLens[]>;

  dispose(): void {
    this.#subscription.dispose();
    this.#changed.dispose();
  }
}
