import type { Step } from 'runbook-core';

/** Steps the editor offers to run: shell blocks and blocks naming their interpreter. */
export function isRunnable(step: Step): boolean {
  return step.isShell || step.options.interpreter !== undefined;
}
