import { Worker } from 'node:worker_threads';
import { runLintJob, type LintJob, type LintJobOutcome, type LintJobSettings } from './lint-job.ts';
import type { FromWorker, ToWorker } from './lint-worker.ts';

const MAIN_THREAD_LANES = 8;

/**
 * Lints jobs on this thread and `workers` worker threads at once, each
 * taking the next job when it is done, so a large file holds up no one.
 * Outcomes come back in job order. A worker that fails to start or dies
 * leaves its jobs to the others.
 */
export async function lintInPool(
  jobs: readonly LintJob[],
  settings: LintJobSettings,
  workers: number,
  onWorkerError: (message: string) => void = () => {},
  onDone: (index: number, thread: 'main' | 'worker') => void = () => {},
): Promise<LintJobOutcome[]> {
  const outcomes: LintJobOutcome[] = new Array(jobs.length);
  let next = 0;
  const take = (): number | undefined => (next < jobs.length ? next++ : undefined);
  const runners: Array<Promise<void>> = [];
  if (workers > 0) {
    const { lintWorkerUrl, lintWorkerMarker } = await import('./lint-worker.ts');
    for (let i = 0; i < workers; i++) {
      runners.push(runWorker(lintWorkerUrl, lintWorkerMarker, jobs, settings, take, outcomes, onWorkerError, (index) => onDone(index, 'worker')));
    }
  }
  // Alone, this thread lints a few files at a time: while one waits for
  // shellcheck the next is parsed, and their shell steps share shellcheck
  // processes. Beside workers it takes one at a time, yielding in between.
  const lanes = workers > 0 ? 1 : MAIN_THREAD_LANES;
  for (let lane = 0; lane < lanes; lane++) {
    runners.push(
      (async () => {
        for (let index = take(); index !== undefined; index = take()) {
          outcomes[index] = await runLintJob(jobs[index]!, settings);
          onDone(index, 'main');
          // Linting is mostly synchronous: let the workers' messages in between files,
          // or they would wait for their next file until this thread has done them all.
          if (workers > 0) await new Promise((resolve) => setImmediate(resolve));
        }
      })(),
    );
  }
  await Promise.all(runners);
  // Jobs a dead worker held are done here.
  for (let index = 0; index < jobs.length; index++) outcomes[index] ??= await runLintJob(jobs[index]!, settings);
  return outcomes;
}

/**
 * The worker's entry: an import of the worker module. Bundled, that is a
 * `.js` chunk. From source (tests, `--conditions=source`) it is a `.ts`
 * file, and tsx does not register its loader in worker threads by itself.
 */
function bootstrap(url: URL): string {
  const load = `import(${JSON.stringify(url.href)})`;
  if (!url.pathname.endsWith('.ts')) return load;
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return `import(${tsx}).then((api) => api.register()).then(() => ${load})`;
}

const filesAhead = 4;

function runWorker(
  url: URL,
  marker: string,
  jobs: readonly LintJob[],
  settings: LintJobSettings,
  take: () => number | undefined,
  outcomes: LintJobOutcome[],
  onWorkerError: (message: string) => void,
  onDone: (index: number) => void,
): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(bootstrap(url), { eval: true, workerData: { marker, settings } });
    let inFlight = 0;
    // A few files queued ahead, so the worker never waits for this thread to
    // pass it the next one (this thread answers only between its own files).
    const fill = (): void => {
      while (inFlight < filesAhead) {
        const index = take();
        if (index === undefined) break;
        inFlight++;
        worker.postMessage({ id: index, job: jobs[index]! } satisfies ToWorker);
      }
      if (inFlight === 0) worker.postMessage({ stop: true } satisfies ToWorker);
    };
    worker.on('message', (message: FromWorker) => {
      if ('outcome' in message) {
        inFlight--;
        outcomes[message.id] = message.outcome;
        onDone(message.id);
      }
      fill();
    });
    worker.on('error', (error) => {
      onWorkerError(`a lint worker thread failed (${error.message}); its files are linted on the main thread`);
      resolve();
    });
    worker.on('exit', () => resolve());
  });
}
