import type { CliCommand } from '../command.ts';
import { decideFromCli } from '../decide-approval.ts';
import { withUsageErrors } from '../usage-errors.ts';

const help = `Usage: runbook deny <request> --reason <text> [options]

Denies another responder's request to run a step (the two-person rule):
the denial and its reason are journaled with your name, and the waiting run
stops with the step refused (its exit code 3). See docs/approvals.md.

Options:
  --reason <text>       why, for the requester and the review (required)
  --incident <id>       look for the request in this incident only
                        (default: every incident)
  --format text|json    output format (default: text)
  -h, --help            show this help

Exit codes: 0 denied, 2 bad usage or input (no such request, no --reason),
3 refused (the request is no longer pending: decided, withdrawn or
expired), 4 the journal could not be written.
`;

const deny: CliCommand = {
  name: 'deny',
  help,
  run: (context) => withUsageErrors(() => decideFromCli(context, 'deny')),
};

export default deny;
