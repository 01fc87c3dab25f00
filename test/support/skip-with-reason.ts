// Skipping a test, or from a `before` hook its whole suite, with a one-line
// reason. The reason rides on the skipped test or suite as `skipReason`, where
// scripts/mocha-reporter.cjs finds it to print beside each skipped test and to
// count skips per reason in the summary.

/** The property the reporter reads. */
export const skipReasonKey = 'skipReason';

/** Skips with `reason` (one line); never returns. */
export function skipWithReason(context: Mocha.Context, reason: string): never {
  // In `it`, `test` is the test. In a hook, `test` is the hook: `before each` skips its
  // `currentTest`, `before all` its whole suite (there `currentTest` is only the suite's first test).
  const runnable = context.test as (Mocha.Runnable & { type?: string }) | undefined;
  const isHook = runnable?.type === 'hook';
  const target: object | undefined = !isHook ? runnable : /^"before each"/.test(runnable?.title ?? '') ? context.currentTest : runnable?.parent;
  if (target !== undefined) Object.assign(target, { [skipReasonKey]: reason.split('\n')[0] });
  return context.skip();
}
