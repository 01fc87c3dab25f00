import { ExitCode, type CliCommand, type CliContext } from '../command.ts';
import { paint } from '../paint.ts';
import { ProgressLine } from '../progress-line.ts';
import { askLine, askYesNo, PromptCanceled } from '../prompt.ts';
import { withUsageErrors } from '../usage-errors.ts';
import { printPlans } from '../steps/print-plans.ts';
import { readRunFlags } from '../steps/run-flags.ts';
import { openRunSession, type RunSession } from '../steps/run-session.ts';
import { runSteps, type RunIO, type StepReport } from '../steps/run-steps.ts';
import { stepLabel } from '../steps/select-steps.ts';

const help = `Usage: runbook run <file> [options]

Runs steps of a runbook in the current incident: output streams to the
terminal, each run is recorded in the incident's journal (started, finished,
refused) with its full output in the incident's logs/ folder.

Which steps:
  --step, -s <id|name>    a step by name, id, id hash or section slug; repeat
                          for several, run in the order given
  --all                   every runnable step in order, risky ones included
                          (each still asks first)
  With neither, every step runs only when all of them just read; a runbook
  with steps that change things needs --step or --all.
  --command, -c <n|heading>
                          only some commands of the one --step: the commands
                          under a heading ("5", "Rollback Deployment"), or
                          the n-th command counting from 1; repeatable

Values (steps get them through the environment, never pasted into code):
  --var NAME=value        a variable's value; repeatable; wins over the
                          environment, defaults and earlier steps' exports
  Also: the environment, the runbook's declared defaults, and what earlier
  steps of the same incident exported. A value still missing is asked for on
  a terminal (secrets without echo); without one it is an error naming
  --var NAME=…. Secret values are redacted in all output and never stored.

Safety:
  --yes, -y               run steps that change things without asking
                          (without a terminal such steps are refused, exit 3)
  --context <name>        accept this kube context instead of the declared one
                          (the journal records the override)
  A step that reaches a Kubernetes cluster runs only when its commands target
  the context (and namespace) the step or runbook declares; otherwise it is
  refused (exit 3) naming the expected and actual context.
  --dry-run               print the plan (see 'runbook plan') and run nothing

Other:
  --incident <id>         record in this incident instead of the current one
  --timeout <duration>    stop a step after this long (30s, 5m, 1h30m)
  --format text|json      output format (default: text)
  -h, --help              show this help

Exit codes: 0 every step succeeded, 1 a step failed, 2 bad usage or input
(missing file, bad flag, unknown step, missing value), 3 refused (not
confirmed, or the context guard said no).
`;

const run: CliCommand = {
  name: 'run',
  help,
  run: (context) => withUsageErrors(() => runCommand(context)),
};

export default run;

async function runCommand(context: CliContext): Promise<number> {
  const flags = readRunFlags(context, 'run');
  const session = await openRunSession(context, flags);
  if (flags.dryRun) {
    await printPlans(session, context);
    return ExitCode.ok;
  }
  if (!session.incident && flags.format === 'text') {
    context.stderr.write("runbook run: no current incident, so nothing is recorded (start one with 'runbook incident start').\n");
  }
  const aborter = new AbortController();
  const interrupt = () => aborter.abort(new Error('interrupted (Ctrl-C)'));
  process.once('SIGINT', interrupt);
  const io = flags.format === 'json' ? quietIO(context, aborter.signal) : terminalIO(context, session, aborter.signal);
  try {
    const report = await runSteps(session, io);
    if (flags.format === 'json') context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.exitCode;
  } catch (error) {
    if (error instanceof PromptCanceled) {
      context.stderr.write('runbook run: canceled at the prompt; nothing more was run.\n');
      return ExitCode.refused;
    }
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
  }
}

/** Text mode: headers and results on stderr, the steps' own output on stdout/stderr as it comes. */
function terminalIO(context: CliContext, session: RunSession, signal: AbortSignal): RunIO {
  const c = paint(context.color);
  const progress = new ProgressLine(context.stdout, { enabled: context.interactive });
  const where = session.incident ? ` · ${session.incident.id}` : '';
  return {
    ...prompts(context, signal),
    onStepStart(prepared) {
      const label = stepLabel(prepared.step);
      context.stderr.write(`${c.bold(`▶ ${label}`)} ${c.risk(prepared.plan.risk, prepared.plan.risk)}${c.dim(where)}\n`);
      progress.start(`${label}${where}`);
    },
    onOutput: (stream, text) => progress.write(stream === 'stdout' ? context.stdout : context.stderr, text),
    onProgress: (message) => progress.write(context.stderr, `${c.dim(message)}\n`),
    onStepEnd(report) {
      progress.stop();
      context.stderr.write(`${describeEnd(report, c)}\n`);
    },
  };
}

/** JSON mode: nothing but the final report on stdout; refusals still say why on stderr. */
function quietIO(context: CliContext, signal: AbortSignal): RunIO {
  return {
    ...prompts(context, signal),
    onStepStart: () => {},
    onOutput: () => {},
    onProgress: () => {},
    onStepEnd(report) {
      if (report.status === 'refused') context.stderr.write(`runbook run: ${report.message}\n`);
    },
  };
}

/** Questions go to stderr in both modes, so stdout stays the output (or the JSON). */
function prompts(context: CliContext, signal: AbortSignal): Pick<RunIO, 'interactive' | 'signal' | 'ask' | 'confirm'> {
  return {
    interactive: context.interactive,
    signal,
    ask: (question, secret) => askLine(context, question, { secret }),
    async confirm(details, question) {
      context.stderr.write(`\n${details}\n`);
      return askYesNo(context, question);
    },
  };
}

function describeEnd(report: StepReport, c: ReturnType<typeof paint>): string {
  const label = report.name ?? report.stepId;
  const took = report.durationMs === undefined ? '' : ` in ${formatMs(report.durationMs)}`;
  if (report.status === 'succeeded') return c.green(`✓ ${label} succeeded${took}`);
  if (report.status === 'refused') return c.yellow(`✗ ${report.message}`);
  const how = report.timedOut
    ? 'timed out'
    : report.canceled
      ? 'was canceled'
      : report.signal !== undefined
        ? `was killed by ${report.signal}`
        : report.exitCode === undefined
          ? `did not run: ${report.message}`
          : `failed with exit code ${report.exitCode}`;
  const log = report.logFile === undefined ? '' : `\n  full output: ${report.logFile}`;
  return c.red(`✗ ${label} ${how}${took}`) + log;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
