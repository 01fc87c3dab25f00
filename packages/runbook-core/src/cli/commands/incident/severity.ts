import * as incidents from '../../../incident/index.ts';
import { UsageError } from '../../command.ts';
import { requireIncident } from '../../incident-context.ts';
import { notifySlack } from '../../slack-notify.ts';
import { slackNotices } from '../../../incident/slack-notice.ts';
import type { Invocation } from './flags.ts';
import { noArguments, show, stateJson } from './output.ts';

export async function severity({ context, flags, args, format, who }: Invocation): Promise<number> {
  const [level, ...extra] = args;
  if (level === undefined) throw new UsageError('severity needs the new level, e.g. runbook incident severity P1');
  noArguments('severity', extra);
  const { location, state } = await requireIncident(context, flags.incident);
  const after = await incidents.changeSeverity(state.id, level, { ...location, who, ...(flags.reason === undefined ? {} : { reason: flags.reason }) });
  const changed = after.severity !== state.severity;
  const change = `${after.id}: severity ${state.severity ?? 'unknown'} → ${after.severity}`;
  if (changed)
    await notifySlack(
      context,
      { location, id: after.id, who },
      slackNotices.severityChanged(after.id, state.severity ?? 'unknown', after.severity ?? '?', flags.reason),
    );
  return show(context, format, { ...stateJson(after), changed }, () => (changed ? `${change}.\n` : `${after.id}: severity unchanged (${after.severity}).\n`));
}
