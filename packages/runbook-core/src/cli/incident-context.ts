import type { IncidentState } from '../incident/index.ts';
import { UsageError, type CliContext } from './command.ts';
import { findWorkspace } from './workspace.ts';

export interface IncidentTarget {
  workspace: string;
  /** The `--incident` id, else the current one; absent when neither. */
  id?: string;
}

/** Which incident a command acts on: `--incident <id>` or the workspace's current one. */
export async function findIncident(context: CliContext, flag: string | undefined): Promise<IncidentTarget> {
  const workspace = findWorkspace(context.cwd, context.env);
  const { currentIncident, isIncidentId, listIncidents } = await import('../incident/index.ts');
  if (flag !== undefined) {
    if (!isIncidentId(flag) || !(await listIncidents({ workspace })).includes(flag)) {
      throw new UsageError(`no incident '${flag}' in ${workspace}/.runbook (see: runbook incident list)`);
    }
    return { workspace, id: flag };
  }
  const id = await currentIncident({ workspace });
  return id === undefined ? { workspace } : { workspace, id };
}

/**
 * Like `findIncident`, but one is required; the error says how to get one.
 * `orLatest`: for commands that only read (status, timeline), the most
 * recently started incident when none is current — resolving clears the
 * current one, and its timeline is what comes next.
 */
export async function requireIncident(
  context: CliContext,
  flag: string | undefined,
  options: { orLatest?: boolean } = {},
): Promise<{ workspace: string; state: IncidentState }> {
  const target = await findIncident(context, flag);
  const { loadIncident, loadIncidents } = await import('../incident/index.ts');
  if (target.id !== undefined) return { workspace: target.workspace, state: await loadIncident(target.id, { workspace: target.workspace }) };
  const latest = options.orLatest === true ? latestStarted(await loadIncidents({ workspace: target.workspace })) : undefined;
  if (latest === undefined) {
    throw new UsageError(`no current incident in ${target.workspace}: start one with 'runbook incident start' or pass --incident <id>`);
  }
  context.stderr.write(`No current incident; showing the latest, ${latest.id} (${latest.status}).\n`);
  return { workspace: target.workspace, state: latest };
}

function latestStarted(states: readonly IncidentState[]): IncidentState | undefined {
  return states
    .filter((state) => state.startedAt !== undefined)
    .sort((a, b) => Date.parse(b.startedAt!) - Date.parse(a.startedAt!) || b.id.localeCompare(a.id))[0];
}
