// Helpers for in-host specs: the real `vscode` API, no fakes.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'runbook.runbook-vscode';

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) throw new Error('the tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openRunbook(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The lenses VS Code would draw; polls while the extension activates. */
export async function codeLensesOf(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  for (;;) {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const ours = lenses.filter((lens) => lens.command?.command.startsWith('runbook.'));
    if (ours.length > 0) return ours;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Lens titles by the text of the line they sit above, in document order. */
export function lensTitlesByLine(document: vscode.TextDocument, lenses: readonly vscode.CodeLens[]): [string, string[]][] {
  const byLine = new Map<number, string[]>();
  for (const lens of lenses) {
    const line = lens.range.start.line;
    byLine.set(line, [...(byLine.get(line) ?? []), lens.command?.title ?? '']);
  }
  return [...byLine.entries()].sort(([a], [b]) => a - b).map(([line, titles]) => [document.lineAt(line).text, titles]);
}

/** The lens with this title above the line holding `lineText`. */
export function lensAt(document: vscode.TextDocument, lenses: readonly vscode.CodeLens[], lineText: string, title: string): vscode.Command {
  const lens = lenses.find((candidate) => document.lineAt(candidate.range.start.line).text === lineText && candidate.command?.title === title);
  if (lens?.command === undefined) throw new Error(`no "${title}" lens above ${lineText}`);
  return lens.command;
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
