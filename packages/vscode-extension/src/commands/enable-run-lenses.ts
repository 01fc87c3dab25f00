import * as vscode from 'vscode';
import type { RunLensFiles } from '../codelens/run-lens-files.ts';
import type { Command } from './command.ts';

/** "Runbook: Enable Run Lenses for This File": for Markdown that is not a runbook by its frontmatter, folder or name. */
export class EnableRunLensesCommand implements Command {
  readonly id = 'runbook.enableRunLenses';

  constructor(private readonly files: RunLensFiles) {}

  /** Resolves to where the choice was kept, or undefined without a Markdown file. */
  async execute(uri?: vscode.Uri): Promise<'folder setting' | 'session' | undefined> {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (target === undefined) {
      void vscode.window.showInformationMessage('Runbook: open a Markdown file to turn Run lenses on for it.');
      return undefined;
    }
    const kept = await this.files.enable(target);
    const name = vscode.workspace.asRelativePath(target, false);
    void vscode.window.showInformationMessage(
      kept === 'session'
        ? `Runbook: Run lenses on for ${name} until VS Code restarts (it is outside the workspace).`
        : `Runbook: Run lenses on for ${name}; added to runbook.files in this folder's settings.`,
    );
    return kept;
  }
}
