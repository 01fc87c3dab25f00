import { recordEvent, stepLogFileName, storeFor, type IncidentLocation, type JournalEventInput } from '../incident/index.ts';
import { runnerHost } from '../incident/runner-liveness.ts';
import type { Risk, Step } from '../model.ts';
import type { KeptExport } from './step-values.ts';

/** What a finished run tells the journal. */
export interface StepOutcome {
  exitCode?: number;
  signal?: string;
  durationMs: number;
  timedOut: boolean;
  isCanceled: boolean;
  /** What ended it early (`SIGTERM`, `Ctrl-C`); absent when it ended by itself. */
  interrupted?: string;
  /** Top-level commands that failed. */
  failedCommands?: ReadonlyArray<{ number: number; line: number; exitCode: number }>;
  /** Bytes of output the log holds when the log limit cut it. */
  logTruncatedAt?: number;
  /** Why the log could not be written in full. */
  logIncomplete?: string;
}

export interface StepRunFields {
  /** 0-based indexes of the chosen commands; empty or absent for the whole block. */
  commands?: readonly number[];
  risk: Risk;
}

/** An incident and where it lives (a workspace's files or another store). */
export type JournaledIncident = IncidentLocation & { id: string };

/**
 * The incident journal as the runner writes it: step started, finished and
 * refused, exported values (secrets by name only), notes. Without an incident
 * every call does nothing, so a run outside an incident needs no branches.
 */
export class StepJournal {
  readonly #incident: JournaledIncident | undefined;
  readonly #who: string;

  constructor(incident: JournaledIncident | undefined, who: string) {
    this.#incident = incident;
    this.#who = who;
  }

  get incidentId(): string | undefined {
    return this.#incident?.id;
  }

  /** Where a run's full output goes, under the incident's folder, and how the journal names it. */
  async logFile(step: Step, startedAt: Date): Promise<{ path: string; recorded: string } | undefined> {
    if (!this.#incident) return undefined;
    const name = stepLogFileName(step.id, startedAt);
    const path = await storeFor(this.#incident).logPath(this.#incident.id, name);
    return { path, recorded: `logs/${name}` };
  }

  async started(step: Step, fields: StepRunFields, logFile: string | undefined): Promise<void> {
    await this.#record({
      type: 'step-started',
      ...stepFields(step, fields),
      ...(logFile === undefined ? {} : { logFile }),
      // A reader seeing this run still "started" after this process is gone knows it was interrupted.
      runnerPid: process.pid,
      runnerHost: runnerHost(),
    });
  }

  async finished(step: Step, fields: StepRunFields, outcome: StepOutcome, logFile: string | undefined): Promise<void> {
    await this.#record({
      type: 'step-finished',
      ...stepFields(step, fields),
      ...(outcome.exitCode === undefined ? {} : { exitCode: outcome.exitCode }),
      ...(outcome.signal === undefined ? {} : { signal: outcome.signal }),
      durationMs: Math.round(outcome.durationMs),
      timedOut: outcome.timedOut,
      canceled: outcome.isCanceled,
      ...(logFile === undefined ? {} : { logFile }),
      ...(outcome.interrupted === undefined ? {} : { interrupted: outcome.interrupted }),
      ...(outcome.failedCommands === undefined || outcome.failedCommands.length === 0
        ? {}
        : { failedCommands: outcome.failedCommands.map((failed) => ({ ...failed })) }),
      ...(outcome.logTruncatedAt === undefined ? {} : { logTruncatedAt: outcome.logTruncatedAt }),
      ...(outcome.logIncomplete === undefined ? {} : { logIncomplete: outcome.logIncomplete }),
    });
  }

  async refused(step: Step, fields: StepRunFields, reason: string): Promise<void> {
    await this.#record({ type: 'step-refused', ...stepFields(step, fields), reason });
  }

  async exports(kept: readonly KeptExport[]): Promise<void> {
    for (const { name, secret, value } of kept) {
      await this.#record({ type: 'variable-set', name, secret, ...(secret || value === undefined ? {} : { value }) });
    }
  }

  /** The incident's cluster steps must use this context from now on (the runbook declares none). */
  async pinContext(pin: { context: string; namespace?: string }, step: Step | undefined): Promise<void> {
    await this.#record({
      type: 'context-pinned',
      context: pin.context,
      ...(pin.namespace === undefined ? {} : { namespace: pin.namespace }),
      ...(step === undefined ? {} : { stepId: step.id }),
    });
  }

  async note(text: string): Promise<void> {
    await this.#record({ type: 'note', text });
  }

  async #record(input: JournalEventInput): Promise<void> {
    if (!this.#incident) return;
    const { id, ...location } = this.#incident;
    await recordEvent(id, input, { ...location, who: this.#who });
  }
}

function stepFields(step: Step, fields: StepRunFields) {
  return {
    stepId: step.id,
    ...(step.name === undefined ? {} : { stepName: step.name }),
    ...(fields.commands === undefined || fields.commands.length === 0 ? {} : { commands: [...fields.commands] }),
    risk: fields.risk,
  };
}
