import * as incidents from '../../../incident/index.ts';
import { printable } from '../../../text/printable.ts';
import { UsageError } from '../../command.ts';
import { didYouMean } from '../../did-you-mean.ts';
import { requireIncident } from '../../incident-context.ts';
import { notifySlack } from '../../slack-notify.ts';
import { slackNotices } from '../../../incident/slack-notice.ts';
import type { Invocation } from './flags.ts';
import { show, stateJson } from './output.ts';

export async function assign({ context, flags, args, format, who }: Invocation): Promise<number> {
  const [role, ...names] = args;
  const person = names.join(' ').trim();
  if (role === undefined || person === '')
    throw new UsageError(
      `assign needs a role and a person, e.g. runbook incident assign commander "Dana Lee" (roles: ${incidents.KNOWN_ROLES.join(', ')}, or any word)`,
    );
  const { location, state } = await requireIncident(context, flags.incident);
  const name = incidents.canonicalRole(role);
  if (!incidents.KNOWN_ROLES.includes(name) && state.roles?.[name] === undefined) {
    const near = didYouMean(name, incidents.KNOWN_ROLES);
    if (near !== '') throw new UsageError(`role '${role}'${near}: pass the role you mean (any word is a role; these are the usual ones)`);
  }
  const result = await incidents.assignRole(state.id, name, person, { ...location, who });
  if (result.changed) {
    await notifySlack(context, { location, id: state.id, who }, slackNotices.assigned(state.id, name, person, result.previous));
  }
  return show(context, format, { ...stateJson(result.state), changed: result.changed, previous: result.previous ?? null }, () => {
    if (!result.changed) return `${state.id}: ${name} is already ${printable(person)} (unchanged).\n`;
    const handOver = result.previous === undefined ? '' : ` (handed over from ${printable(result.previous)})`;
    return `${state.id}: ${name} is ${printable(result.state.roles?.[name] ?? person)}${handOver}.\n`;
  });
}
