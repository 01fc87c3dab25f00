import * as vscode from 'vscode';
import type { Runbook, RunbookDocument } from 'runbook-core';
import { loadCore } from './core.ts';
import { textLength } from './text-length.ts';

interface Tracked {
  version: number;
  document: RunbookDocument;
}

/**
 * The model of each open Markdown file, kept current by feeding the editor's
 * edits to core's incremental `RunbookDocument` (it re-parses only the blocks
 * around an edit).
 */
export class RunbookDocuments implements vscode.Disposable {
  readonly #tracked = new Map<string, Tracked>();
  readonly #changed = new vscode.EventEmitter<vscode.Uri>();
  readonly #subscriptions: vscode.Disposable[];
  /** Fires after a tracked document's model changed. */
  readonly onDidChange = this.#changed.event;

  constructor() {
    this.#subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => this.#applyEdits(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.#tracked.delete(document.uri.toString())),
      this.#changed,
    ];
  }

  async runbookOf(document: vscode.TextDocument): Promise<Runbook> {
    const key = document.uri.toString();
    const tracked = this.#tracked.get(key);
    if (tracked?.version === document.version) return tracked.document.runbook;
    const core = await loadCore();
    const fresh = this.#tracked.get(key);
    if (fresh?.version === document.version) return fresh.document.runbook;
    const parsed = new core.RunbookDocument(document.getText(), { path: document.uri.fsPath });
    this.#tracked.set(key, { version: document.version, document: parsed });
    return parsed.runbook;
  }

  #applyEdits(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const tracked = this.#tracked.get(key);
    if (tracked === undefined || event.contentChanges.length === 0) return;
    // A missed version means a missed edit: parse afresh on next use.
    if (tracked.version !== event.document.version - 1) {
      this.#tracked.delete(key);
      return;
    }
    // VS Code orders the changes so each one's offset holds after the ones before.
    tracked.document.update(
      event.contentChanges.map((change) => ({ start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, text: change.text })),
    );
    tracked.version = event.document.version;
    // Cheap guard against a model that drifted from the editor's text.
    if (tracked.document.source.length !== textLength(event.document)) this.#tracked.delete(key);
    this.#changed.fire(event.document.uri);
  }

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.#tracked.clear();
  }
}
