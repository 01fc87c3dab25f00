import * as vscode from 'vscode';
import type { Runbook } from 'runbook-core';
import type { RunbookDocuments } from './runbook-documents.ts';

/** The runbook in the active editor, if it is Markdown. */
export async function activeRunbook(documents: RunbookDocuments): Promise<{ document: vscode.TextDocument; runbook: Runbook } | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId !== 'markdown') return undefined;
  return { document, runbook: await documents.runbookOf(document) };
}
