import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { currentUser, loadIncident, type IncidentState } from '../incident/index.ts';
import type { Runbook, Step } from '../model.ts';
import { planStep, type CommandSelector } from '../run/index.ts';
import { prepareStep, stepOptions, type PreparedStep } from './prepare-step.ts';
import { runBlockers, type RunBlockers } from './run-blockers.ts';
import { runSteps } from './run-steps.ts';
import type { RunReport, SessionIO } from './session-io.ts';
import { type JournaledIncident, StepJournal } from './step-journal.ts';
import { findMissingValues, StepValues, type MissingValue } from './step-values.ts';

export interface OpenRunSessionOptions {
  /** The runbook: a file to read, or one already parsed (an editor's buffer) with the folder it lives in. */
  runbook: { file: string } | { runbook: Runbook; dir: string; source?: string };
  /** The incident the runs belong to and are journaled in; without one nothing is recorded. */
  incident?: JournaledIncident;
  /** Values given explicitly (`--var`): they win over all but the incident's own. */
  values?: Readonly<Record<string, string>>;
  /** The environment steps start from (default: `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** A kube context accepted instead of the declared (or pinned) one; the journal records it. */
  contextOverride?: string;
  /** Stop a step after this many milliseconds. */
  timeoutMs?: number;
  /** Bytes a step's log file holds at most (see `RunStepOptions.logLimit`). Default: 100 MiB. */
  logLimit?: number;
  /** Steps that need a yes run without asking (`--yes`). Never chooses among alternatives. */
  yes?: boolean;
  /** Who the journal says ran the steps (default: the current user). */
  who?: string;
  /** Exports of earlier runs in this process (secrets included): kept in memory by the caller, never written. */
  earlierExports?: Readonly<Record<string, string>>;
  /** `plan`: only to look (a resolved incident may be planned against). Default `run`. */
  purpose?: 'run' | 'plan';
}

/** Why a session did not open: one line with the position and cause. */
export interface SessionOpenFailure {
  ok: false;
  /** 2: the input cannot be used (a frontmatter that does not parse, no such file, a resolved incident). */
  exitCode: 2;
  message: string;
}

export type OpenRunSessionResult = { ok: true; session: RunSession } | SessionOpenFailure;

/**
 * Opens a run session: reads the runbook, refuses it when its frontmatter
 * does not parse (every step's guard and values depend on it), replays the
 * incident's journal (its values, exports and pinned kube context), and
 * holds everything runs decide with. Problems are returned, never thrown.
 */
export async function openRunSession(options: OpenRunSessionOptions): Promise<OpenRunSessionResult> {
  const loaded = await loadRunbookInput(options.runbook);
  if (!loaded.ok) return loaded;
  const blockers = runBlockers(loaded.runbook);
  if (blockers.all !== undefined) return { ok: false, exitCode: 2, message: blockers.all };
  let incident: IncidentState | undefined;
  if (options.incident !== undefined) {
    incident = await loadIncident(options.incident.id, options.incident);
    if (incident.status === 'resolved' && options.purpose !== 'plan') {
      return {
        ok: false,
        exitCode: 2,
        message: `incident ${incident.id} is resolved; start a new one with 'runbook incident start' (or pass --incident <id>)`,
      };
    }
  }
  return { ok: true, session: new RunSession(options, loaded.runbook, loaded.dir, loaded.source, blockers, incident) };
}

/** Everything runs of one runbook in one incident decide with; see `openRunSession`. */
export class RunSession {
  readonly runbook: Runbook;
  /** The runbook's folder: where steps run unless they say otherwise. */
  readonly dir: string;
  readonly source: string | undefined;
  readonly incident: IncidentState | undefined;
  readonly values: StepValues;
  readonly journal: StepJournal;
  readonly env: NodeJS.ProcessEnv;
  readonly options: Readonly<OpenRunSessionOptions>;
  readonly blockers: RunBlockers;
  #pinned: { context: string; namespace?: string } | undefined;
  /** Real exported values of this session's runs, for the caller to carry to its next session. */
  readonly #exports: Record<string, string> = {};

  constructor(
    options: OpenRunSessionOptions,
    runbook: Runbook,
    dir: string,
    source: string | undefined,
    blockers: RunBlockers,
    incident: IncidentState | undefined,
  ) {
    this.options = options;
    this.runbook = runbook;
    this.dir = dir;
    this.source = source;
    this.blockers = blockers;
    this.incident = incident;
    this.env = options.env ?? process.env;
    this.#pinned = incident?.pinnedContext;
    this.values = new StepValues({
      meta: runbook.meta,
      flags: options.values ?? {},
      env: this.env,
      incident: incident === undefined ? {} : incidentValues(incident),
      journalExports: { ...(incident === undefined ? {} : journalExports(incident)), ...options.earlierExports },
    });
    this.journal = new StepJournal(
      incident === undefined || options.incident === undefined ? undefined : { ...options.incident, id: incident.id },
      options.who ?? currentUser(this.env),
    );
  }

  /** The incident's pinned kube context (the runbook declares none), once a cluster step has run. */
  get pinnedContext(): { context: string; namespace?: string } | undefined {
    return this.#pinned;
  }

  /** A step by id or name; undefined when none. */
  step(wanted: string): Step | undefined {
    return this.runbook.steps.find((step) => step.id === wanted) ?? this.runbook.steps.find((step) => step.name === wanted);
  }

  /** Plans and guards one step with the values known now (earlier steps' exports included). */
  prepare(step: Step, commands?: readonly CommandSelector[]): Promise<PreparedStep> {
    return prepareStep(step, {
      runbook: this.runbook,
      dir: this.dir,
      env: this.env,
      values: this.values,
      ...(this.options.contextOverride === undefined ? {} : { contextOverride: this.options.contextOverride }),
      ...(this.#pinned === undefined ? {} : { pinnedContext: this.#pinned }),
      ...(this.blockers.cluster === undefined ? {} : { clusterBlocked: this.blockers.cluster }),
      ...(commands === undefined ? {} : { commands: [...commands] }),
    });
  }

  /** Values the steps read that no source gives yet. */
  missingValues(steps: readonly Step[], commands?: readonly CommandSelector[]): MissingValue[] {
    const base = stepOptions(this, this.values);
    const needed = steps.map((step) => ({
      step,
      needed: planStep(step, { ...base, ...(commands === undefined ? {} : { commands }) }).variables.needed,
    }));
    return findMissingValues(needed, this.values, this.runbook.meta, this.runbook.steps);
  }

  /**
   * Runs steps in order through `io` and stops at the first that fails, is
   * refused or is interrupted. `commands` chooses commands of the one step
   * given (1-based numbers as strings, or headings, as `--command` takes them
   * — or 0-based indexes as numbers).
   */
  run(steps: ReadonlyArray<Step | string>, io: SessionIO, options: { commands?: readonly CommandSelector[] } = {}): Promise<RunReport> {
    const chosen = steps.map((wanted) => {
      if (typeof wanted !== 'string') return wanted;
      const step = this.step(wanted);
      if (step === undefined) throw new RangeError(`RunSession.run: no step '${wanted}' in ${this.runbook.path ?? 'the runbook'}`);
      return step;
    });
    if (options.commands !== undefined && chosen.length !== 1) throw new RangeError('RunSession.run: commands choose commands of exactly one step');
    return runSteps(this, chosen, io, options.commands);
  }

  /** Pins the incident's kube context (journaled) so later cluster steps are guarded against it. */
  async pin(pin: { context: string; namespace?: string }, step: Step): Promise<void> {
    if (this.#pinned !== undefined) return;
    this.#pinned = pin;
    await this.journal.pinContext(pin, step);
  }

  /** Takes a step's exports in: for the next steps, and for the caller to carry. */
  keepExports(exported: Readonly<Record<string, string>>): void {
    Object.assign(this.#exports, exported);
  }

  /** Real values the session's runs exported: the caller may hand them to its next session (`earlierExports`); never write them. */
  exports(): Record<string, string> {
    return { ...this.#exports };
  }
}

/** Values an incident gives every step and template: see the lint's `incidentVariables`. */
export function incidentValues(state: IncidentState): Record<string, string> {
  return {
    INCIDENT_ID: state.id,
    ...(state.title === undefined ? {} : { INCIDENT_TITLE: state.title }),
    ...(state.severity === undefined ? {} : { INCIDENT_SEVERITY: state.severity }),
    ...(state.startedAt === undefined ? {} : { INCIDENT_STARTED_AT: state.startedAt }),
  };
}

/** Non-secret values earlier runs in the incident exported (Runme parity across processes). */
function journalExports(state: IncidentState): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, variable] of state.variables) {
    if (!variable.secret && variable.value !== undefined) values[name] = variable.value;
  }
  return values;
}

async function loadRunbookInput(
  input: OpenRunSessionOptions['runbook'],
): Promise<{ ok: true; runbook: Runbook; dir: string; source?: string } | SessionOpenFailure> {
  if ('runbook' in input) return { ok: true, runbook: input.runbook, dir: input.dir, ...(input.source === undefined ? {} : { source: input.source }) };
  const file = resolve(input.file);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, exitCode: 2, message: code === 'ENOENT' ? `no such file: ${input.file}` : `cannot read ${input.file}: ${(error as Error).message}` };
  }
  const { parseRunbook } = await import('../parse/index.ts');
  return { ok: true, runbook: parseRunbook(source, { path: input.file }), dir: dirname(file), source };
}
