import type { IncidentState } from '../../../incident/index.ts';
import * as incidents from '../../../incident/index.ts';
import { utcDateTime } from '../../../incident/utc-time.ts';
import { printable } from '../../../text/printable.ts';
import { ExitCode } from '../../command.ts';
import { findIncident, placeName } from '../../incident-context.ts';
import { paint } from '../../paint.ts';
import type { Invocation } from './flags.ts';
import { kindNote, lifecycle, noArguments, printJson, stateJson } from './output.ts';

export async function list({ context, args, format }: Invocation): Promise<number> {
  noArguments('list', args);
  const target = await findIncident(context, undefined);
  const states = sortForList(await incidents.loadIncidents(target.location));
  if (target.location.store === undefined) {
    for (const entry of await new incidents.FileIncidentStore(target.location.workspace).refusedEntries()) {
      context.stderr.write(`runbook incident list: warning: ${entry} is not a real folder (a symbolic link?); refused, not listed\n`);
    }
  }
  if (format === 'json')
    return printJson(
      context,
      states.map((state) => ({ ...stateJson(state), current: state.id === target.id })),
    );
  if (states.length === 0) {
    context.stdout.write(`No incidents in ${placeName(target.location)} yet.\n`);
    return ExitCode.ok;
  }
  const c = paint(context.color);
  for (const state of states) {
    const mark = state.id === target.id ? '*' : ' ';
    const started = state.startedAt === undefined ? 'start unknown' : utcDateTime(new Date(state.startedAt));
    context.stdout.write(
      `${mark} ${c.bold(state.id)}  ${(state.severity ?? '?').padEnd(3)} ${lifecycle(state).padEnd(8)} ${started}  ${printable(state.title ?? '')}${kindNote(state)}\n`,
    );
  }
  if (target.id === undefined && states.some((state) => state.status === 'open')) {
    context.stdout.write('No current incident: runbook incident switch <id> picks one.\n');
  }
  return ExitCode.ok;
}

/** Open first (oldest first: the longest-running needs eyes), then closed, latest first. */
function sortForList(states: IncidentState[]): IncidentState[] {
  const startMs = (state: IncidentState) => (state.startedAt === undefined ? 0 : Date.parse(state.startedAt));
  const open = states.filter((state) => state.status === 'open').sort((a, b) => startMs(a) - startMs(b) || a.id.localeCompare(b.id));
  const closed = states.filter((state) => state.status !== 'open').sort((a, b) => startMs(b) - startMs(a) || b.id.localeCompare(a.id));
  return [...open, ...closed];
}
