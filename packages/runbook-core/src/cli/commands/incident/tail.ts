import * as incidents from '../../../incident/index.ts';
import { ExitCode } from '../../command.ts';
import { eventLine } from '../../event-line.ts';
import { requireIncident } from '../../incident-context.ts';
import type { Invocation } from './flags.ts';
import { followIncident } from './follow.ts';
import { noArguments } from './output.ts';

/**
 * `runbook incident tail [-f]`: the journal as timeline lines, one per
 * event; with -f, new events as anyone appends them until Ctrl-C (exit 0).
 * JSON: one event per line, as journaled.
 */
export async function tail({ context, flags, args, format }: Invocation): Promise<number> {
  noArguments('tail', args);
  const { location, state } = await requireIncident(context, flags.incident, { orLatest: true });
  let shown = 0;
  const print = (current: incidents.IncidentState): void => {
    for (const event of current.events.slice(shown)) {
      const line = format === 'json' ? JSON.stringify(event) : eventLine(current, event);
      if (line !== undefined) context.stdout.write(`${line}\n`);
    }
    shown = current.events.length;
  };
  print(state);
  if (flags.follow === true) {
    await followIncident(context, location, state.id, async () => print(await incidents.loadIncident(state.id, location)));
  }
  return ExitCode.ok;
}
