import { ExitCode, type CliCommand } from '../command.ts';
import { printPlans } from '../steps/print-plans.ts';
import { readRunFlags } from '../steps/run-flags.ts';
import { openRunSession } from '../steps/run-session.ts';
import { withUsageErrors } from '../usage-errors.ts';

const help = `Usage: runbook plan <file> [options]

Shows what 'runbook run' would do, running nothing: for each step its
commands, numbered as --command takes them, with their risk, the interpreter and working directory, the kube
context and namespace each cluster command would hit and whether the context
guard allows it, the values it reads (with where they come from; secrets
masked) and those nobody gives yet, and programs missing from PATH.
The same as 'runbook run --dry-run'.

Options:
  --step, -s <id|name>    only these steps (default: every runnable step)
  --command, -c <n>       only some commands of the one --step, by the numbers
                          shown in brackets ([5]): 5, 2-4, 1,3, or all;
                          '#5' or '#Rollback' for the commands under a heading
  --heading <text|n>      the commands under this heading of the one --step
  --var NAME=value        a variable's value, as 'runbook run' would get it
  --incident <id>         use this incident's values instead of the current one's
  --context <name>        plan with this kube context accepted instead of the
                          declared one
  --format text|json      output format (default: text)
  -h, --help              show this help

Exit codes: 0 the plan was printed, 2 bad usage or input.
`;

const plan: CliCommand = {
  name: 'plan',
  help,
  run: (context) =>
    withUsageErrors(async () => {
      const session = await openRunSession(context, readRunFlags(context, 'plan'));
      await printPlans(session, context);
      return ExitCode.ok;
    }),
};

export default plan;
