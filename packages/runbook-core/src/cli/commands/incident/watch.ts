import * as incidents from '../../../incident/index.ts';
import { ExitCode } from '../../command.ts';
import { describeApprovalRequest } from '../../describe-approval.ts';
import { eventLine } from '../../event-line.ts';
import { formatIncidentStatus } from '../../format-incident-status.ts';
import { requireIncident } from '../../incident-context.ts';
import { paint } from '../../paint.ts';
import type { Invocation } from './flags.ts';
import { followIncident } from './follow.ts';
import { noArguments, stateJson } from './output.ts';

/** Lines of recent activity under the status. */
const RECENT = 8;
/** Elapsed and due times move on without events: redrawn this often too. */
const CLOCK_MS = 30_000;

/**
 * `runbook incident status --watch`: the status, the checklist count,
 * waiting approvals and recent activity, drawn again on every change by
 * anyone (a terminal clears first; a pipe gets frames one after another,
 * JSON as one state per line) until Ctrl-C, which exits 0.
 */
export async function watchStatus({ context, flags, args, format }: Invocation): Promise<number> {
  noArguments('status', args);
  const { location, state: first } = await requireIncident(context, flags.incident, { orLatest: true });
  const c = paint(context.color);
  const draw = async (): Promise<void> => {
    const state = await incidents.loadIncident(first.id, location);
    const at = new Date();
    const now = incidents.incidentStatus(state, at);
    if (format === 'json') {
      context.stdout.write(`${JSON.stringify({ ...stateJson(state), approvals: Object.fromEntries(state.approvals), statusNow: now })}\n`);
      return;
    }
    const ticked = [...state.checklist.values()].filter((item) => item.checked).length;
    const pending = incidents.pendingApprovals(state.approvals, at);
    const recent = state.events
      .map((event) => eventLine(state, event))
      .filter((line) => line !== undefined)
      .slice(-RECENT);
    const frame = [
      formatIncidentStatus(state, now, c, at).trimEnd(),
      `  ${'checklist'.padEnd(12)}${ticked} ticked`,
      ...(pending.length === 0
        ? []
        : ['', c.bold('Waiting for approval:'), ...pending.map((request) => describeApprovalRequest(request, state.id, c, at).trimEnd())]),
      '',
      c.bold('Recent:'),
      ...recent.map((line) => `  ${line}`),
      '',
      c.dim(`watching ${state.id} · updated ${at.toISOString().slice(11, 19)} UTC · Ctrl-C to stop`),
    ];
    // A terminal is redrawn in place; anything else gets whole frames, one after another.
    context.stdout.write(`${context.interactive ? '\u001b[H\u001b[2J' : ''}${frame.join('\n')}\n${context.interactive ? '' : '\n'}`);
  };
  await draw();
  const clock = setInterval(() => void draw().catch(() => undefined), CLOCK_MS);
  try {
    await followIncident(context, location, first.id, draw);
  } finally {
    clearInterval(clock);
  }
  return ExitCode.ok;
}
