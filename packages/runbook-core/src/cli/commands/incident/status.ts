import * as incidents from '../../../incident/index.ts';
import { ExitCode } from '../../command.ts';
import { formatIncidentStatus, formatStoreHealth } from '../../format-incident-status.ts';
import { requireIncident } from '../../incident-context.ts';
import { paint } from '../../paint.ts';
import type { Invocation } from './flags.ts';
import { noArguments, printJson, stateJson } from './output.ts';

export async function status({ context, flags, args, format }: Invocation): Promise<number> {
  noArguments('status', args);
  const { state, location } = await requireIncident(context, flags.incident, { orLatest: true });
  const at = new Date();
  const now = incidents.incidentStatus(state, at);
  // A shared store says whether it is reachable and what waits to be sent; the file store has nothing to say.
  const health = await location.store?.health?.();
  if (format === 'json') return printJson(context, { ...stateJson(state), statusNow: now, ...(health === undefined ? {} : { store: health }) });
  context.stdout.write(formatIncidentStatus(state, now, paint(context.color), at));
  if (health !== undefined) context.stdout.write(formatStoreHealth(location.store!.location, health, paint(context.color)));
  return ExitCode.ok;
}
