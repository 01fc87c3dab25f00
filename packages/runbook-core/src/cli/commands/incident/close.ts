import type { IncidentState } from '../../../incident/index.ts';
import * as incidents from '../../../incident/index.ts';
import { humanDuration } from '../../../incident/utc-time.ts';
import { printable } from '../../../text/printable.ts';
import { UsageError, type CliContext } from '../../command.ts';
import { findIncident, requireIncident } from '../../incident-context.ts';
import type { CliIncidentLocation } from '../../incident-store-choice.ts';
import { notifySlack } from '../../slack-notify.ts';
import { slackNotices } from '../../../incident/slack-notice.ts';
import type { Invocation } from './flags.ts';
import { lifecycle, noArguments, show, stateJson } from './output.ts';

export async function resolve({ context, flags, args, format, who }: Invocation): Promise<number> {
  noArguments('resolve', args);
  const { location, state } = await closable(context, flags.incident, 'resolve');
  const after = await incidents.resolveIncident(state.id, {
    ...location,
    who,
    ...(flags.summary === undefined ? {} : { summary: flags.summary }),
    ...(flags['cause-category'] === undefined ? {} : { causeCategory: flags['cause-category'] }),
    ...(flags['customer-impact'] === undefined ? {} : { customerImpact: flags['customer-impact'] }),
  });
  const lasted = incidents.incidentStatus(after).elapsedMs;
  await notifySlack(context, { location, id: after.id, who }, slackNotices.resolved(after));
  const next = await nextCurrent(location, after.id);
  return show(
    context,
    format,
    { ...stateJson(after), current: next.current ?? null },
    () => `Resolved ${after.id} after ${humanDuration(lasted)}.\n${next.text}`,
  );
}

export async function cancel({ context, flags, args, format, who }: Invocation): Promise<number> {
  noArguments('cancel', args);
  if (flags.reason === undefined) throw new UsageError('cancel needs --reason "<why>" (false alarm, opened by mistake, duplicate)');
  const { location, state } = await closable(context, flags.incident, 'cancel');
  const after = await incidents.cancelIncident(state.id, flags.reason, { ...location, who });
  await notifySlack(context, { location, id: after.id, who }, slackNotices.cancelled(after.id, flags.reason));
  const next = await nextCurrent(location, after.id);
  return show(
    context,
    format,
    { ...stateJson(after), current: next.current ?? null },
    () => `Cancelled ${after.id}: ${printable(flags.reason ?? '')}.\n${next.text}`,
  );
}

/** The incident to close: `--incident`, else the current one; a second resolve names the one already closed. */
async function closable(context: CliContext, flag: string | undefined, verb: string): Promise<{ location: CliIncidentLocation; state: IncidentState }> {
  const target = await findIncident(context, flag);
  if (target.id === undefined) {
    const states = await incidents.loadIncidents(target.location);
    const open = states.filter((state) => state.status === 'open');
    if (open.length > 0) {
      throw new UsageError(
        `no current incident to ${verb}; open: ${open.map((state) => state.id).join(', ')} (pass --incident <id> or runbook incident switch <id>)`,
      );
    }
    const closedAt = (state: IncidentState) => state.resolvedAt ?? state.cancelled?.time ?? '';
    const latest = states.filter((state) => closedAt(state) !== '').sort((a, b) => closedAt(b).localeCompare(closedAt(a)))[0];
    if (latest !== undefined) throw new UsageError(`incident ${latest.id} is already ${lifecycle(latest)} and no incident is current (runbook incident list)`);
  }
  const found = await requireIncident(context, flag);
  if (found.state.status !== 'open') throw new UsageError(`incident ${found.state.id} is already ${lifecycle(found.state)}`);
  return found;
}

/**
 * After closing `closed`: when exactly one other incident is open it becomes
 * current, and the message says so; with several, none is, and they are named.
 */
async function nextCurrent(location: CliIncidentLocation, closed: string): Promise<{ current?: string; text: string }> {
  const current = await incidents.currentIncident(location);
  if (current !== undefined && current !== closed) return { current, text: `${current} is still the current incident.\n` };
  const open = (await incidents.loadIncidents(location)).filter((state) => state.status === 'open' && state.id !== closed);
  if (open.length === 1 && open[0] !== undefined) {
    await incidents.setCurrentIncident(open[0].id, location);
    return { current: open[0].id, text: `${open[0].id} (still open) is now the current incident.\n` };
  }
  if (open.length === 0) return { text: 'No incident is open now.\n' };
  return { text: `No current incident now; still open: ${open.map((state) => state.id).join(', ')} (runbook incident switch <id>).\n` };
}
