import type { StepResult } from 'runbook-core';

/** What `runbook.runStep` resolves to: plain data, so tests and other extensions can act on it. */
export type RunStepOutcome =
  | { status: 'finished'; result: PublicStepResult }
  | { status: 'refused'; reason: string }
  | { status: 'not-found'; reason: string }
  | { status: 'busy'; reason: string }
  | { status: 'error'; reason: string };

/** A step result without the exported values, which are never redacted and must not travel. */
export type PublicStepResult = Omit<StepResult, 'exported' | 'cause'>;

export function publicResult(result: StepResult): PublicStepResult {
  const { exported: _exported, cause: _cause, ...rest } = result;
  return rest;
}
