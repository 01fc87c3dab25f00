import { Worker } from 'node:worker_threads';
import { runLintJob, type LintJob, type LintJobOutcome, type LintJobSettings } from './lint-job.ts';
import type { FromWorker, ToWorker } from './lint-worker.ts';

/**
 * Lints jobs on this thread and `workers` worker threads at once, each
 * taking the next job when it is done, so a large file holds up no one.
 * Outcomes come back in job order. A worker that fails to start or dies
 * leaves its jobs to the others.
 */
export async function lintInPool(jobs: readonly LintJob[], settings: LintJobSettings, workers: number): Promise<LintJobOutcome[]> {
  const outcomes: LintJobOutcome[] = new Array(jobs.length);
  let next = 0;
  const take = (): number | undefined => (next < jobs.length ? next++ : undefined);
  const runners: Array<Promise<void>> = [];
  if (workers > 0) {
    const { lintWorkerUrl, lintWorkerMarker } = await import('./lint-worker.ts');
    for (let i = 0; i < workers; i++) runners.push(runWorker(lintWorkerUrl, lintWorkerMarker, jobs, settings, take, outcomes));
  }
  runners.push(
    (async () => {
      for (let index = take(); index !== undefined; index = take()) outcomes[index] = await runLintJob(jobs[index]!, settings);
    })(),
  );
  await Promise.all(runners);
  // Jobs a dead worker held are done here.
  for (let index = 0; index < jobs.length; index++) outcomes[index] ??= await runLintJob(jobs[index]!, settings);
  return outcomes;
}

function runWorker(
  url: URL,
  marker: string,
  jobs: readonly LintJob[],
  settings: LintJobSettings,
  take: () => number | undefined,
  outcomes: LintJobOutcome[],
): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(url, { workerData: { marker, settings } });
    const send = (): void => {
      const index = take();
      worker.postMessage((index === undefined ? { stop: true } : { id: index, job: jobs[index]! }) satisfies ToWorker);
    };
    worker.on('message', (message: FromWorker) => {
      if ('outcome' in message) outcomes[message.id] = message.outcome;
      send();
    });
    worker.on('error', () => resolve());
    worker.on('exit', () => resolve());
  });
}
