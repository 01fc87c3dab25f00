import type * as vscode from 'vscode';

/** Which step a command acts on: the argument CodeLenses pass to step commands. */
export interface StepTarget {
  uri: vscode.Uri;
  stepId: string;
}
