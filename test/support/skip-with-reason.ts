// Skipping a test, or from a `before` hook its whole suite, with a one-line
// reason. The reason rides on the skipped test or suite as `skipReason`, where
// scripts/mocha-reporter.cjs finds it to print beside each skipped test and to
// count skips per reason in the summary.

/** The property the reporter reads. */
export const skipReasonKey = 'skipReason';

/** Skips with `reason` (one line); never returns. */
export function skipWithReason(context: Mocha.Context, reason: string): never {
  // In `beforeEach`, `currentTest` is the test; in `it`, `test` is; in `before`, `test` is the hook and its suite is skipped.
  const runnable = context.currentTest ?? context.test;
  const isHook = (runnable as { type?: string } | undefined)?.type === 'hook';
  const target: object | undefined = isHook ? runnable?.parent : runnable;
  if (target !== undefined) Object.assign(target, { [skipReasonKey]: reason.split('\n')[0] });
  return context.skip();
}
