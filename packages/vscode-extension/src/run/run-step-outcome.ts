/** What `runbook.runStep` resolves to: plain data, so tests and callers can act on it. */
export type RunStepOutcome =
  | { status: 'finished'; exitCode: number | undefined }
  | { status: 'refused'; reason: string }
  | { status: 'not-found'; reason: string };
