import * as vscode from 'vscode';
import type { Step, StepAlternative } from 'runbook-core';
import { loadCore } from '../core.ts';
import { alternativePicks, type AlternativePick } from './alternative-picks.ts';

/**
 * Asks which alternative of a block to run, as a quick pick. Returns its
 * position in `alternatives`, `'all'` only when "Run all N risky commands" is
 * picked, or undefined when the pick is dismissed: nothing runs.
 */
export async function chooseAlternative(request: {
  step: Step;
  alternatives: readonly StepAlternative[];
  riskyCommands: number;
  /** What a person calls the step (`stepNames`). */
  stepName?: string;
}): Promise<number | 'all' | undefined> {
  const core = await loadCore();
  const picked = await vscode.window.showQuickPick<AlternativePick & vscode.QuickPickItem>(alternativePicks(request, core), {
    title: `Step "${request.stepName ?? request.step.name ?? request.step.id}" offers ${request.alternatives.length} alternatives`,
    placeHolder: 'Which one should run? (Esc: none)',
    ignoreFocusOut: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.choice;
}
