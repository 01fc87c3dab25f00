import * as incidents from '../../../incident/index.ts';
import { ExitCode } from '../../command.ts';
import { formatIncidentStatus } from '../../format-incident-status.ts';
import { requireIncident } from '../../incident-context.ts';
import { paint } from '../../paint.ts';
import type { Invocation } from './flags.ts';
import { noArguments, printJson, stateJson } from './output.ts';

export async function status({ context, flags, args, format }: Invocation): Promise<number> {
  noArguments('status', args);
  const { state } = await requireIncident(context, flags.incident, { orLatest: true });
  const at = new Date();
  const now = incidents.incidentStatus(state, at);
  if (format === 'json') return printJson(context, { ...stateJson(state), statusNow: now });
  context.stdout.write(formatIncidentStatus(state, now, paint(context.color), at));
  return ExitCode.ok;
}
