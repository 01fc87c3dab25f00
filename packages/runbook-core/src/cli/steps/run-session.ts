import { currentUser, loadIncident, type IncidentState } from '../../incident/index.ts';
import type { Step } from '../../model.ts';
import { planStep } from '../../run/index.ts';
import { UsageError, type CliContext } from '../command.ts';
import { findIncident, incidentValues } from '../incident-context.ts';
import { loadRunbook, type LoadedRunbook } from '../load-runbook.ts';
import { commandSelectors } from './command-flags.ts';
import { prepareStep, stepOptions, type PreparedStep } from './prepare-steps.ts';
import type { RunFlags } from './run-flags.ts';
import { selectSteps } from './select-steps.ts';
import { StepJournal } from './step-journal.ts';
import { findMissingValues, StepValues, type MissingValue } from './step-values.ts';

/** Everything a run or a plan works with, read once. */
export interface RunSession {
  loaded: LoadedRunbook;
  steps: Step[];
  values: StepValues;
  journal: StepJournal;
  incident?: IncidentState;
  flags: RunFlags;
  env: NodeJS.ProcessEnv;
}

export async function openRunSession(context: CliContext, flags: RunFlags): Promise<RunSession> {
  const loaded = await loadRunbook(flags.file, context.cwd);
  const target = await findIncident(context, flags.incident);
  const incident = target.id === undefined ? undefined : await loadIncident(target.id, { workspace: target.workspace });
  if (incident?.status === 'resolved' && !flags.dryRun) {
    throw new UsageError(`incident ${incident.id} is resolved; start a new one with 'runbook incident start' (or pass --incident <id>)`);
  }
  const steps = selectSteps(loaded.runbook, { wanted: flags.steps, all: flags.all, dryRun: flags.dryRun });
  const values = new StepValues({
    meta: loaded.runbook.meta,
    flags: flags.vars,
    env: context.env,
    incident: incident === undefined ? {} : incidentValues(incident),
    journalExports: incident === undefined ? {} : journalExports(incident),
  });
  const journal = new StepJournal(incident === undefined ? undefined : { workspace: target.workspace, id: incident.id }, currentUser(context.env));
  return { loaded, steps, values, journal, flags, env: context.env, ...(incident === undefined ? {} : { incident }) };
}

/** Plans and guards one step with the values known now (earlier steps' exports included). */
export function prepare(session: RunSession, step: Step): Promise<PreparedStep> {
  return prepareStep(step, {
    loaded: session.loaded,
    values: session.values,
    env: session.env,
    ...(session.flags.contextOverride === undefined ? {} : { contextOverride: session.flags.contextOverride }),
    ...(session.flags.commands.length === 0 ? {} : { commands: commandSelectors(step, session.flags.commands) }),
  });
}

/** Values the chosen steps read that no source gives yet. */
export function missingValues(session: RunSession): MissingValue[] {
  const base = stepOptions(session.loaded, session.values, session.env);
  const needed = session.steps.map((step) => {
    const commands = session.flags.commands.length === 0 ? {} : { commands: commandSelectors(step, session.flags.commands) };
    return { step, needed: planStep(step, { ...base, ...commands }).variables.needed };
  });
  return findMissingValues(needed, session.values, session.loaded.runbook.meta, session.loaded.runbook.steps);
}

/** Non-secret values earlier runs in the incident exported (Runme parity across processes). */
function journalExports(state: IncidentState): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, variable] of state.variables) {
    if (!variable.secret && variable.value !== undefined) values[name] = variable.value;
  }
  return values;
}
