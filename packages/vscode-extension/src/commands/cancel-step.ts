import type { StepRuns } from '../run/step-runs.ts';
import { stepKey, type StepTarget } from '../step-target.ts';
import type { Command } from './command.ts';

export class CancelStepCommand implements Command {
  readonly id = 'runbook.cancelStep';

  constructor(private readonly runs: StepRuns) {}

  /** Resolves `true` when a run was cancelled (core then ends its whole process tree). */
  execute(target: StepTarget): boolean {
    return this.runs.cancel(stepKey(target.uri, target.stepId));
  }
}
