import * as vscode from 'vscode';
import { readSettings } from '../settings.ts';
import { isRunbookDocument } from './is-runbook-document.ts';

/**
 * Which Markdown files get Run lenses: runbooks (see `isRunbookDocument`),
 * every file with `runbook.codeLens.allMarkdown`, and files the user turned
 * them on for. Fires when any of that changes.
 */
export class RunLensFiles implements vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.#changed.event;
  /** Files outside any workspace folder, turned on for this session: there is no folder setting to write. */
  readonly #loose = new Set<string>();
  readonly #subscription: vscode.Disposable;

  constructor() {
    this.#subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('runbook.files') || event.affectsConfiguration('runbook.codeLens.allMarkdown')) this.#changed.fire();
    });
  }

  wants(document: vscode.TextDocument): boolean {
    const settings = readSettings(document.uri);
    if (settings.runLensesEverywhere || this.#loose.has(document.uri.toString())) return true;
    return isRunbookDocument(vscode.workspace.asRelativePath(document.uri, false), document.getText(), settings.runbookFiles);
  }

  /**
   * Turns Run lenses on for one file: its folder-relative path joins the
   * folder's `runbook.files` (kept with the folder, visible and undoable),
   * or, outside any folder, for this session. Says where it went.
   */
  async enable(uri: vscode.Uri): Promise<'folder setting' | 'session'> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder === undefined) {
      this.#loose.add(uri.toString());
      this.#changed.fire();
      return 'session';
    }
    const path = vscode.workspace.asRelativePath(uri, false);
    const config = vscode.workspace.getConfiguration('runbook', uri);
    // The effective list, so the defaults are kept once the folder has its own.
    const files = readSettings(uri).runbookFiles;
    if (!files.includes(path)) await config.update('files', [...files, path], vscode.ConfigurationTarget.WorkspaceFolder);
    return 'folder setting';
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#changed.dispose();
  }
}
