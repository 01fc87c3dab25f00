import type * as vscode from 'vscode';

/** Which step a command acts on: the argument CodeLenses pass to step commands. */
export interface StepTarget {
  uri: vscode.Uri;
  stepId: string;
  /** 0-based `ShellCommand.index`es to run alone; absent for the whole block. */
  commands?: number[];
}

export function stepKey(uri: vscode.Uri, stepId: string): string {
  return `${uri.toString()}#${stepId}`;
}
