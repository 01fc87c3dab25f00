import * as incidents from '../../../incident/index.ts';
import { UsageError } from '../../command.ts';
import { requireIncident } from '../../incident-context.ts';
import { notifySlack } from '../../slack-notify.ts';
import { slackNotices } from '../../../incident/slack-notice.ts';
import type { Invocation } from './flags.ts';
import { noArguments, show, stateJson } from './output.ts';

export async function reopen({ context, flags, args, format, who }: Invocation): Promise<number> {
  const [id, ...extra] = args;
  noArguments('reopen', extra);
  const { location, state } = await requireIncident(context, id ?? flags.incident, { orLatest: true });
  if (state.status === 'open') throw new UsageError(`incident ${state.id} is open already`);
  const after = await incidents.reopenIncident(state.id, { ...location, who, ...(flags.reason === undefined ? {} : { reason: flags.reason }) });
  await notifySlack(context, { location, id: after.id, who }, slackNotices.reopened(after.id, flags.reason));
  return show(context, format, stateJson(after), () => `Reopened ${after.id}; it is now the current incident.\n`);
}
