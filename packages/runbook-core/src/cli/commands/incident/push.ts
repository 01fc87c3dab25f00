import { chooseIncidentStore } from '../../../incident/choose-incident-store.ts';
import { FileIncidentStore } from '../../../incident/file-incident-store.ts';
import { pushIncident } from '../../../incident/push-incident.ts';
import { UsageError } from '../../command.ts';
import { findWorkspace } from '../../workspace.ts';
import type { Invocation } from './flags.ts';
import { noArguments, show } from './output.ts';

/** `runbook incident push <id>`: a local incident into the shared store. */
export async function push({ context, args, format }: Invocation): Promise<number> {
  const [id, ...extra] = args;
  noArguments('push', extra);
  if (id === undefined) throw new UsageError('push needs the id of a local incident (see: runbook incident list with the file store)');
  const workspace = findWorkspace(context.cwd, context.env);
  const shared = chooseIncidentStore(workspace, context.env);
  if (shared instanceof FileIncidentStore) {
    throw new UsageError("there is no shared store to push to: set 'store' in runbook.config.json or RUNBOOK_STORE to a postgres:// URL");
  }
  const result = await pushIncident(id, new FileIncidentStore(workspace), shared);
  return show(context, format, { ...result, to: shared.location }, () => {
    const added = result.events - result.alreadyThere;
    const before = result.created ? '' : ` (${result.alreadyThere} were there already)`;
    return `Pushed ${id} to ${shared.location}: ${added} events added${before}. Each event is recorded as written by your database role; the local journal stays as it was.\n`;
  });
}
