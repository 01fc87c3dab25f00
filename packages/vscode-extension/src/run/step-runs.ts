import * as vscode from 'vscode';
import type { StepReport, StepState } from 'runbook-core';

/** What the fence decoration shows of a run: the fields the incident journal keeps too. */
export type StepRunSummary = Pick<StepState, 'status' | 'exitCode' | 'durationMs' | 'startedAt'> & {
  /** The run's failed top-level commands (1-based numbers, Markdown lines): drawn on the fence and on each line. */
  failedCommands?: ReadonlyArray<{ number: number; line: number; exitCode: number }>;
};

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

  /** Records how the run ended; `undefined` when it never got a report (an error, a dismissed prompt). */
  finish(key: string, report: StepReport | undefined): void {
    const started = this.#last.get(key)?.startedAt;
    this.#running.delete(key);
    if (report === undefined) this.#last.delete(key);
    else this.#last.set(key, summarize(report, started));
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

function summarize(report: StepReport, startedAt: string | undefined): StepRunSummary {
  // The journal reads an interrupted run as failed (canceled); so does the fence.
  const status = report.status === 'interrupted' ? 'failed' : report.status;
  return {
    status,
    ...(report.durationMs === undefined ? {} : { durationMs: report.durationMs }),
    ...(startedAt === undefined ? {} : { startedAt }),
    ...(report.exitCode === undefined ? {} : { exitCode: report.exitCode }),
    ...(report.failedCommands === undefined || report.failedCommands.length === 0 ? {} : { failedCommands: report.failedCommands }),
  };
}
