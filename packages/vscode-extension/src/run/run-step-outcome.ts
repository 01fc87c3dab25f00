import type { StepReport } from 'runbook-core';

/** What `runbook.runStep` resolves to: plain data (the run session's report, output redacted), so tests and other extensions can act on it. */
export type RunStepOutcome =
  | { status: 'finished'; report: StepReport }
  | { status: 'refused'; reason: string }
  | { status: 'not-found'; reason: string }
  | { status: 'busy'; reason: string }
  | { status: 'error'; reason: string };
