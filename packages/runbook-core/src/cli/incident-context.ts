import type { IncidentState } from '../incident/index.ts';
import { UsageError, type CliContext } from './command.ts';
import { type CliIncidentLocation, incidentLocation } from './incident-store-choice.ts';

export interface IncidentTarget {
  /** Where incidents are kept; pass it to every incident function. */
  location: CliIncidentLocation;
  /** The `--incident` id, else the current one; absent when neither. */
  id?: string;
}

/** Which incident a command acts on: `--incident <id>` or the workspace's current one. */
export async function findIncident(context: CliContext, flag: string | undefined): Promise<IncidentTarget> {
  const location = await incidentLocation(context);
  const { currentIncident, isIncidentId, listIncidents } = await import('../incident/index.ts');
  if (flag !== undefined) {
    if (!isIncidentId(flag) || !(await listIncidents(location)).includes(flag)) {
      throw new UsageError(`no incident '${flag}' in ${placeName(location)} (see: runbook incident list)`);
    }
    return { location, id: flag };
  }
  const id = await currentIncident(location);
  return id === undefined ? { location } : { location, id };
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
): Promise<{ location: CliIncidentLocation; state: IncidentState }> {
  const target = await findIncident(context, flag);
  const { loadIncident, loadIncidents } = await import('../incident/index.ts');
  if (target.id !== undefined) return { location: target.location, state: await loadIncident(target.id, target.location) };
  const latest = options.orLatest === true ? latestStarted(await loadIncidents(target.location)) : undefined;
  if (latest === undefined) {
    throw new UsageError(`no current incident in ${placeName(target.location)}: start one with 'runbook incident start' or pass --incident <id>`);
  }
  context.stderr.write(`No current incident; showing the latest, ${latest.id} (${latest.status}).\n`);
  return { location: target.location, state: latest };
}

/** How messages name where incidents are: the store's own words, else the workspace's folder. */
export function placeName(location: CliIncidentLocation): string {
  return location.store?.location ?? `${location.workspace}/.runbook`;
}

function latestStarted(states: readonly IncidentState[]): IncidentState | undefined {
  return states
    .filter((state) => state.startedAt !== undefined)
    .sort((a, b) => Date.parse(b.startedAt!) - Date.parse(a.startedAt!) || b.id.localeCompare(a.id))[0];
}
