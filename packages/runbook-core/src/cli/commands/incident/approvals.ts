import * as incidents from '../../../incident/index.ts';
import { ExitCode } from '../../command.ts';
import { describeApprovalRequest } from '../../describe-approval.ts';
import { findIncident } from '../../incident-context.ts';
import { paint } from '../../paint.ts';
import type { Invocation } from './flags.ts';
import { noArguments, printJson } from './output.ts';

/** `runbook incident approvals`: requests waiting for a decision, with their commands, risk and cluster. */
export async function approvals({ context, flags, args, format }: Invocation): Promise<number> {
  noArguments('approvals', args);
  const target = await findIncident(context, flags.incident);
  const ids = flags.incident === undefined ? await incidents.listIncidents(target.location) : [flags.incident];
  const now = new Date();
  const pending: Array<{ incident: string; request: incidents.ApprovalRequestState }> = [];
  for (const id of ids) {
    const state = await incidents.loadIncident(id, target.location);
    if (state.status !== 'open') continue;
    for (const request of incidents.pendingApprovals(state.approvals, now)) pending.push({ incident: id, request });
  }
  if (format === 'json') return printJson(context, pending);
  if (pending.length === 0) {
    context.stdout.write('No approval requests are waiting.\n');
    return ExitCode.ok;
  }
  const c = paint(context.color);
  context.stdout.write(pending.map(({ incident, request }) => describeApprovalRequest(request, incident, c, now)).join('\n'));
  context.stdout.write(`\nApprove with 'runbook approve <request>', or deny with 'runbook deny <request> --reason <text>'.\n`);
  return ExitCode.ok;
}
