// Helpers for in-host specs: the real `vscode` API, no fakes.
import * as vscode from 'vscode';
import type { RunbookExtensionApi } from '../../../packages/vscode-extension/src/extension.ts';

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

/** Polls until `probe` returns a value; the mocha timeout bounds the wait. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function extensionApi(): RunbookExtensionApi {
  const api = vscode.extensions.getExtension<RunbookExtensionApi>(EXTENSION_ID)?.exports;
  if (api === undefined) throw new Error(`${EXTENSION_ID} exports no API (not active?)`);
  return api;
}

/** 0-based line of the first line with exactly this text. */
export function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text === text) return line;
  throw new Error(`no line "${text}" in ${document.uri.fsPath}`);
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
