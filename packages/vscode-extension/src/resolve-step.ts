import * as vscode from 'vscode';
import type { Runbook, Step } from 'runbook-core';
import type { RunbookDocuments } from './runbook-documents.ts';
import type { StepTarget } from './step-target.ts';
import { rangeOf } from './vscode-range.ts';

export type ResolvedStep = { found: true; document: vscode.TextDocument; runbook: Runbook; step: Step } | { found: false; reason: string };

/** The step a command was given, or the one under the cursor when it was given none. */
export async function resolveStep(documents: RunbookDocuments, target: StepTarget | undefined): Promise<ResolvedStep> {
  const editor = vscode.window.activeTextEditor;
  const document = target ? await vscode.workspace.openTextDocument(target.uri) : editor?.document;
  if (document === undefined) return { found: false, reason: 'No runbook is open.' };
  const runbook = await documents.runbookOf(document);
  const cursor = editor?.document === document ? editor.selection.active : undefined;
  const step = target
    ? runbook.steps.find((candidate) => candidate.id === target.stepId)
    : cursor && runbook.steps.find((candidate) => rangeOf(candidate.position).contains(cursor));
  if (step === undefined) {
    return { found: false, reason: target ? `No step "${target.stepId}" in ${document.uri.fsPath}.` : 'The cursor is not inside a step.' };
  }
  return { found: true, document, runbook, step };
}
