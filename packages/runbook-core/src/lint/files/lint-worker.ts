import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runLintJob, type LintJob, type LintJobOutcome, type LintJobSettings } from './lint-job.ts';

/** Messages from the pool to a worker. */
export type ToWorker = { id: number; job: LintJob } | { stop: true };
/** Messages from a worker to the pool. */
export type FromWorker = { ready: true } | { id: number; outcome: LintJobOutcome };

/**
 * This module's own URL: the pool starts workers on it. Bundled, it is the
 * chunk this module lands in, which the bundler splits out because the pool
 * imports it dynamically.
 */
export const lintWorkerUrl = new URL(import.meta.url);

export const lintWorkerMarker = 'runbook-lint-worker';

if (!isMainThread && parentPort && (workerData as { marker?: string } | null)?.marker === lintWorkerMarker) {
  const port = parentPort;
  const settings = (workerData as { settings: LintJobSettings }).settings;
  port.on('message', (message: ToWorker) => {
    if ('stop' in message) {
      port.close();
      return;
    }
    void runLintJob(message.job, settings).then((outcome) => port.postMessage({ id: message.id, outcome } satisfies FromWorker));
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}
