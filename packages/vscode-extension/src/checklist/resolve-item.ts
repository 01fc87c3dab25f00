import * as vscode from 'vscode';
import type { ChecklistItem } from 'runbook-core';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { rangeOf } from '../vscode-range.ts';

/** Which checklist item a command acts on: what hovers and tests pass. */
export interface ChecklistTarget {
  /** A string when it comes through a hover's command link. */
  uri: vscode.Uri | string;
  itemId: string;
}

/** The item given, or the one on the cursor's line. */
export async function resolveChecklistItem(
  documents: RunbookDocuments,
  target: ChecklistTarget | undefined,
): Promise<{ document: vscode.TextDocument; item: ChecklistItem } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const document = target
    ? await vscode.workspace.openTextDocument(typeof target.uri === 'string' ? vscode.Uri.parse(target.uri) : target.uri)
    : editor?.document;
  if (document === undefined) return undefined;
  const runbook = await documents.runbookOf(document);
  const line = editor?.document === document ? editor.selection.active.line : undefined;
  const item = target
    ? runbook.checklistItems.find((candidate) => candidate.id === target.itemId)
    : runbook.checklistItems.find((candidate) => rangeOf(candidate.position).start.line === line);
  return item && { document, item };
}
