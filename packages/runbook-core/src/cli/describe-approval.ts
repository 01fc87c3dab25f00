import type { ApprovalRequestState } from '../incident/index.ts';
import { approvalStatusAt } from '../incident/index.ts';
import { printable } from '../text/printable.ts';
import type { paint } from './paint.ts';

type Paint = ReturnType<typeof paint>;

/**
 * A request as an approver reads it: who asks, for which step, the exact
 * commands and values, the risk and the cluster. Journal text is anyone's:
 * every field is made printable.
 */
export function describeApprovalRequest(request: ApprovalRequestState, incidentId: string, c: Paint, now = new Date()): string {
  const status = approvalStatusAt(request, now);
  const where =
    request.context === undefined
      ? 'no cluster'
      : `context ${printable(request.context)}${request.namespace === undefined ? '' : `, namespace ${printable(request.namespace)}`}`;
  const minutes = Math.max(0, Math.round((Date.parse(request.expiresAt) - now.getTime()) / 60_000));
  const lines = [
    `${c.bold(`request ${request.requestId}`)} · ${incidentId} · step "${printable(request.stepName ?? request.stepId)}" · ${c.risk(request.risk, request.risk)} · ${where}`,
    `  asked by ${printable(request.requestedBy)} at ${request.requestedAt.slice(11, 16)} UTC (${printable(request.rule)}); ${
      status === 'pending' ? `needs ${request.required - request.grants.length} more approval(s), expires in ${minutes} min` : status
    }`,
    ...request.commands.map((command, index) => `  ${c.dim(`[${index + 1}]`)} ${printable(command)}`),
    ...(request.values.length === 0 ? [] : [`  values: ${request.values.map(printable).join(' ')}`]),
    ...(request.grants.length === 0 ? [] : [`  approved by ${request.grants.map((grant) => printable(grant.who)).join(', ')}`]),
  ];
  return `${lines.join('\n')}\n`;
}
