import type { CliCommand } from '../command.ts';
import { decideFromCli } from '../decide-approval.ts';
import { withUsageErrors } from '../usage-errors.ts';

const help = `Usage: runbook approve <request> [options]

Approves another responder's request to run a step (the two-person rule):
the request, with its exact commands, values, risk and cluster, is printed,
and your approval is journaled with your name. The approval covers exactly
those commands and values; the waiting run goes on once enough responders
other than the one who asked have approved. See docs/approvals.md.

<request> is the id 'runbook incident approvals' lists (and the waiting run
prints: "waiting for approval: runbook approve <request>").

Options:
  --incident <id>       look for the request in this incident only
                        (default: every incident)
  --format text|json    output format (default: text)
  -h, --help            show this help

Exit codes: 0 approved, 2 bad usage or input (no such request), 3 refused
(your own request, or it is no longer pending: decided, withdrawn or
expired), 4 the journal could not be written.
`;

const approve: CliCommand = {
  name: 'approve',
  help,
  run: (context) => withUsageErrors(() => decideFromCli(context, 'approve')),
};

export default approve;
