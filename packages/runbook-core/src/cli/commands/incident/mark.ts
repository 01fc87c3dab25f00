import * as incidents from '../../../incident/index.ts';
import { utcDateTime } from '../../../incident/utc-time.ts';
import { UsageError } from '../../command.ts';
import { didYouMean } from '../../did-you-mean.ts';
import { requireIncident } from '../../incident-context.ts';
import type { Invocation } from './flags.ts';
import { parseTimeFlag } from './input.ts';
import { noArguments, show, stateJson } from './output.ts';

export async function mark({ context, flags, args, format, who }: Invocation): Promise<number> {
  const [moment, ...extra] = args;
  const known: readonly string[] = incidents.MILESTONES;
  if (moment === undefined) throw new UsageError(`mark needs a moment: ${known.join(', ')} (e.g. runbook incident mark detected --at 20m)`);
  noArguments('mark', extra);
  const milestone = moment === 'impact-start' || moment === 'impact' ? 'impact-started' : moment;
  if (!known.includes(milestone)) throw new UsageError(`unknown moment '${moment}'${didYouMean(moment, known)}: use ${known.join(', ')}`);
  const at = flags.at === undefined ? undefined : parseTimeFlag('--at', flags.at);
  const { location, state } = await requireIncident(context, flags.incident, { orLatest: milestone === 'resolved' });
  const after = await incidents.markMilestone(state.id, milestone as (typeof incidents.MILESTONES)[number], {
    ...location,
    who,
    ...(at === undefined ? {} : { at }),
  });
  return show(context, format, stateJson(after), () => `${after.id}: ${milestone} at ${utcDateTime(at ?? new Date())}.\n`);
}
