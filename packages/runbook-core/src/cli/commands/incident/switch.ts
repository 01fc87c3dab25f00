import * as incidents from '../../../incident/index.ts';
import { UsageError } from '../../command.ts';
import { findIncident } from '../../incident-context.ts';
import type { Invocation } from './flags.ts';
import { noArguments, show } from './output.ts';

export async function switchIncident({ context, args, format }: Invocation): Promise<number> {
  const [id, ...extra] = args;
  if (id === undefined) throw new UsageError('switch needs an incident id (see: runbook incident list)');
  noArguments('switch', extra);
  const target = await findIncident(context, id);
  await incidents.setCurrentIncident(id, target.location);
  return show(context, format, { current: id }, () => `${id} is now the current incident.\n`);
}
