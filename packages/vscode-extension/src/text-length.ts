import type * as vscode from 'vscode';

/** The document's length in UTF-16 units, without copying its text. */
export function textLength(document: vscode.TextDocument): number {
  const last = document.lineAt(document.lineCount - 1);
  return document.offsetAt(last.range.end);
}
