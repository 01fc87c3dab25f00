import * as vscode from 'vscode';
import { rangeOf } from '../vscode-range.ts';
import { lintMessageOf } from './to-diagnostic.ts';

/** Quick fixes straight from the rules' fix data (the same records `runbook lint --fix` applies). */
export class LintQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) => {
      const fix = lintMessageOf(diagnostic)?.fix;
      if (fix === undefined) return [];
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, rangeOf(fix.range), fix.insertText);
      return [action];
    });
  }
}
