import * as vscode from 'vscode';
import type { StepResult, StepState } from 'runbook-core';

/** What the fence decoration shows of a run: the fields the incident journal keeps too. */
export type StepRunSummary = Pick<StepState, 'status' | 'exitCode' | 'durationMs' | 'startedAt'>;

/** Runs in progress (to cancel them) and the last result of each step in this window. */
export class StepRuns implements vscode.Disposable {
  readonly #running = new Map<string, AbortController>();
  readonly #last = new Map<string, StepRunSummary>();
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.#changed.event;

  isRunning(key: string): boolean {
    return this.#running.has(key);
  }

  last(key: string): StepRunSummary | undefined {
    return this.#last.get(key);
  }

  /** Marks a step running; the signal aborts when it is cancelled. */
  start(key: string): AbortSignal {
    const controller = new AbortController();
    this.#running.set(key, controller);
    this.#last.set(key, { status: 'running', startedAt: new Date().toISOString() });
    this.#changed.fire();
    return controller.signal;
  }

  /** Records how the run ended; `undefined` when it never got a result (an error). */
  finish(key: string, result: StepResult | undefined): void {
    this.#running.delete(key);
    if (result === undefined) this.#last.delete(key);
    else this.#last.set(key, summarize(result));
    this.#changed.fire();
  }

  cancel(key: string): boolean {
    const controller = this.#running.get(key);
    controller?.abort();
    return controller !== undefined;
  }

  dispose(): void {
    for (const controller of this.#running.values()) controller.abort();
    this.#changed.dispose();
  }
}

function summarize(result: StepResult): StepRunSummary {
  const status = result.refused ? 'refused' : result.failed ? 'failed' : 'succeeded';
  return {
    status,
    durationMs: result.durationMs,
    startedAt: result.startedAt,
    ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
  };
}
