import type { ApprovalVerdict } from '../session/index.ts';
import { ExitCode, UsageError, type CliContext } from './command.ts';
import { describeApprovalRequest } from './describe-approval.ts';
import { parseFormatFlag } from './format-flag.ts';
import { incidentLocation } from './incident-store-choice.ts';
import { paint } from './paint.ts';
import { parseFlags } from './parse-flags.ts';

/** Exit codes of `approve` and `deny`, beyond 0 and 2. */
const refusedCodes = new Set(['self-approval', 'not-pending', 'digest-mismatch']);

/** `runbook approve` and `runbook deny`: find the request, record the decision, say what it did. */
export async function decideFromCli(context: CliContext, verb: 'approve' | 'deny'): Promise<number> {
  const { values, positionals } = parseFlags(context.argv, {
    reason: { type: 'string' },
    incident: { type: 'string' },
    format: { type: 'string' },
  });
  const format = parseFormatFlag(values.format);
  const [requestId, ...extra] = positionals;
  if (requestId === undefined)
    throw new UsageError(`usage: runbook ${verb} <request>${verb === 'deny' ? ' --reason <text>' : ''} (see: runbook incident approvals)`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  if (!/^[0-9a-f]{8}$/.test(requestId)) throw new UsageError(`'${requestId}' is not a request id (8 hex digits, as 'runbook incident approvals' shows)`);
  if (verb === 'approve' && values.reason !== undefined) throw new UsageError('--reason is for deny');
  const reason = values.reason?.trim();
  if (verb === 'deny' && (reason === undefined || reason === '')) throw new UsageError('deny needs --reason <text>: the requester sees it');
  const verdict: ApprovalVerdict = verb === 'approve' ? { grant: true } : { grant: false, reason: reason ?? '' };
  const { currentUser } = await import('../incident/index.ts');
  const { decideApproval } = await import('../session/index.ts');
  const location = await incidentLocation(context);
  const result = await decideApproval(requestId, verdict, {
    ...location,
    who: currentUser(context.env),
    ...(values.incident === undefined ? {} : { incidentId: values.incident }),
  });
  if (!result.ok) {
    if (result.code === 'not-found') throw new UsageError(result.message);
    if (format === 'json')
      context.stdout.write(`${JSON.stringify({ ok: false, code: result.code, message: result.message, request: result.request }, null, 2)}\n`);
    else context.stderr.write(`runbook ${verb}: ${result.message}\n`);
    return refusedCodes.has(result.code) ? ExitCode.refused : ExitCode.failed;
  }
  if (format === 'json') {
    context.stdout.write(`${JSON.stringify({ ok: true, incident: result.incidentId, request: result.request }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const c = paint(context.color);
  const { request } = result;
  const outcome =
    verb === 'deny'
      ? 'Denied: the step will not run.'
      : request.status === 'granted'
        ? 'Approved: the step runs now.'
        : `Approved (${request.grants.length} of ${request.required}): it waits for more.`;
  context.stdout.write(`${describeApprovalRequest(request, result.incidentId, c)}${outcome}\n`);
  return ExitCode.ok;
}
