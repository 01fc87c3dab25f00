import { dirname } from 'node:path';
import type * as vscode from 'vscode';
import type { IncidentState, PlanStepOptions, Runbook, Step, StepEvent, StepResult } from 'runbook-core';
import { loadCore, type RunbookCore } from '../core.ts';
import type { Incidents } from '../incident/incidents.ts';
import { readSettings } from '../settings.ts';
import { stepKey } from '../step-target.ts';
import { confirmStep } from './confirm-step.ts';
import { publicResult, type RunStepOutcome } from './run-step-outcome.ts';
import { stepEndedEvent, stepStartedEvent } from './step-journal.ts';
import type { StepRuns } from './step-runs.ts';
import { StepTerminal } from './step-terminal.ts';
import { stepValues } from './step-values.ts';

/**
 * Runs a step with core's `runStep`: values through the environment, the
 * confirmation modal for risky steps, output streamed to a terminal, and the
 * run journaled in the current incident.
 */
export class StepRunner {
  /** What earlier steps exported, per incident (`''` outside one); never written anywhere. */
  readonly #exported = new Map<string, Record<string, string>>();
  /** The last run's terminal per step: a new run of the step replaces it. */
  readonly #terminals = new Map<string, StepTerminal>();

  constructor(
    private readonly runs: StepRuns,
    private readonly incidents: Incidents,
  ) {}

  async run(document: vscode.TextDocument, runbook: Runbook, step: Step, commands?: number[]): Promise<RunStepOutcome> {
    const key = stepKey(document.uri, step.id);
    if (this.runs.isRunning(key)) return { status: 'busy', reason: `Step "${step.name ?? step.id}" is already running.` };
    const core = await loadCore();
    const settings = readSettings(document.uri);
    const { options, incident, secrets } = this.#context(document, runbook, commands);
    if (settings.confirmation === 'always' && !(await this.#confirmAnyStep(core, step, options))) {
      return { status: 'refused', reason: 'The run was declined.' };
    }

    const name = step.name ?? `step ${step.index + 1}`;
    this.#terminals.get(key)?.dispose();
    const terminal = new StepTerminal(`Runbook: ${name}`, `${name} · ${document.uri.fsPath}`);
    this.#terminals.set(key, terminal);
    const journal = new RunJournal(this.incidents, incident, step, commands);
    const signal = this.runs.start(key);
    let result: StepResult | undefined;
    try {
      const logFile = incident ? await new core.FileIncidentStore(this.incidents.location().workspace).logPath(incident.id, logName(step)) : undefined;
      result = await core.runStep(step, {
        ...options,
        secrets,
        signal,
        confirm: confirmStep,
        ...(logFile === undefined ? {} : { logFile }),
        onEvent: (event) => {
          terminal.onEvent(event);
          journal.onEvent(event, logFile);
        },
      });
    } finally {
      this.runs.finish(key, result);
    }
    await journal.ended(result);
    const exportedKey = incident?.id ?? '';
    this.#exported.set(exportedKey, { ...this.#exported.get(exportedKey), ...result.exported });
    if (result.refused) return { status: 'refused', reason: result.shortMessage };
    return { status: 'finished', result: publicResult(result) };
  }

  /** What a run would do, rendered for a person (the dry run). */
  async plan(document: vscode.TextDocument, runbook: Runbook, step: Step, commands?: number[]): Promise<string> {
    const core = await loadCore();
    return core.renderPlan(core.planStep(step, this.#context(document, runbook, commands).options));
  }

  #context(document: vscode.TextDocument, runbook: Runbook, commands: number[] | undefined) {
    const incident = this.incidents.current?.status === 'open' ? this.incidents.current : undefined;
    const values = stepValues(runbook, incident, process.env);
    const shell = readSettings(document.uri).shell || runbook.meta.shell;
    const options: PlanStepOptions = {
      runbookDir: dirname(document.uri.fsPath),
      ...(runbook.meta.cwd === undefined ? {} : { cwd: runbook.meta.cwd }),
      ...(shell ? { shell } : {}),
      ...(commands === undefined ? {} : { commands }),
      variables: values.variables,
      exported: this.#exported.get(incident?.id ?? '') ?? {},
      incident: values.incident,
    };
    return { options, incident, secrets: values.secrets };
  }

  async #confirmAnyStep(core: RunbookCore, step: Step, options: PlanStepOptions): Promise<boolean> {
    const plan = core.planStep(step, options);
    // Core asks for these itself, through the same modal.
    if (plan.confirmation !== undefined) return true;
    return confirmStep({ plan, text: core.renderPlan(plan) });
  }
}

/** Journals a run in the incident, in order, without holding up the output stream. */
class RunJournal {
  #started: Promise<void> = Promise.resolve();

  constructor(
    private readonly incidents: Incidents,
    private readonly incident: IncidentState | undefined,
    private readonly step: Step,
    private readonly commands: number[] | undefined,
  ) {}

  onEvent(event: StepEvent, logFile: string | undefined): void {
    if (this.incident === undefined || event.type !== 'started') return;
    this.#started = this.incidents.record(stepStartedEvent(this.step, this.commands, logFile));
  }

  async ended(result: StepResult): Promise<void> {
    if (this.incident === undefined) return;
    await this.#started;
    await this.incidents.record(stepEndedEvent(this.step, this.commands, result));
  }
}

function logName(step: Step): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return `${stamp}-${step.id.replace(/[^A-Za-z0-9._-]+/g, '_')}.log`.slice(0, 200);
}
