import type * as vscode from 'vscode';
import { scanSteps, type ScannedStep } from './interim-step-scan.ts';

/** The parsed model of each open runbook, computed once per document version. */
export class RunbookDocuments {
  readonly #cache = new Map<string, { version: number; steps: readonly ScannedStep[] }>();

  stepsOf(document: vscode.TextDocument): readonly ScannedStep[] {
    const key = document.uri.toString();
    const cached = this.#cache.get(key);
    if (cached?.version === document.version) return cached.steps;
    const steps = scanSteps(document.getText());
    this.#cache.set(key, { version: document.version, steps });
    return steps;
  }

  forget(document: vscode.TextDocument): void {
    this.#cache.delete(document.uri.toString());
  }
}
