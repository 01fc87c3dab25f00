import { basename } from 'node:path';
import type { JournalEventInput, Step, StepResult } from 'runbook-core';

/** The journal's record of a run's start. */
export function stepStartedEvent(step: Step, commands: readonly number[] | undefined, logFile: string | undefined): JournalEventInput {
  return { type: 'step-started', ...stepFields(step, commands), ...(logFile ? { logFile: relativeLog(logFile) } : {}) };
}

/** The journal's record of how a run ended (refused runs included). */
export function stepEndedEvent(step: Step, commands: readonly number[] | undefined, result: StepResult): JournalEventInput {
  const fields = stepFields(step, commands);
  if (result.refused) return { type: 'step-refused', ...fields, reason: result.shortMessage };
  return {
    type: 'step-finished',
    ...fields,
    ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
    ...(result.signal === undefined ? {} : { signal: result.signal }),
    durationMs: result.durationMs,
    timedOut: result.timedOut,
    canceled: result.isCanceled,
    ...(result.logFile ? { logFile: relativeLog(result.logFile) } : {}),
  };
}

function stepFields(step: Step, commands: readonly number[] | undefined) {
  return {
    stepId: step.id,
    ...(step.name === undefined ? {} : { stepName: step.name }),
    ...(commands === undefined ? {} : { commands: [...commands] }),
    risk: step.risk,
  };
}

// The store keeps logs in the incident folder's `logs/`; the journal names them relative to it.
function relativeLog(path: string): string {
  return `logs/${basename(path)}`;
}
