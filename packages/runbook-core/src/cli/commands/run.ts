import type { Writable } from 'node:stream';
import { buildConfirmation } from '../../run/confirmation.ts';
import { sweepPrivateDirectories } from '../../run/private-directory.ts';
import { RunExit, type SessionIO, type StepReport } from '../../session/index.ts';
import { UsageError, type CliCommand, type CliContext } from '../command.ts';
import { paint } from '../paint.ts';
import { ProgressLine } from '../progress-line.ts';
import { askLine, PromptCanceled } from '../prompt.ts';
import { chooseAlternativeOnTerminal } from '../steps/choose-alternative.ts';
import { askConfirmation, confirmationWidth, describePreparedStep, valuesLine } from '../steps/describe-step.ts';
import { printPlans } from '../steps/print-plans.ts';
import { readRunFlags } from '../steps/run-flags.ts';
import { openRunSession, type CliRunSession } from '../steps/run-session.ts';
import { stepLabel } from '../steps/select-steps.ts';
import { withUsageErrors } from '../usage-errors.ts';
import { readVarStdin } from '../var-stdin.ts';
import { interactiveTerminal } from './interactive-terminal.ts';
import { handleStopSignals } from './stop-signals.ts';

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
  --command, -c <n>       only some commands of the one --step, by the numbers
                          'runbook plan' and 'list' show in brackets ([5]):
                          5, 2-4, 1,3, or all; '#5' or '#Rollback' for the
                          commands under a heading; repeatable
  --heading <text|n>      the commands under this heading of the one --step
  A block that offers alternatives (headed "# 1. …", "# 2. …" choices of
  risky commands) never runs whole by accident: on a terminal you are asked
  which one (or "all", which says how many risky commands that is); without
  one it is refused, listing them, unless --command chooses.

Values (steps get them through the environment, never pasted into code):
  --var NAME=value        a variable's value; repeatable. Not for secrets: the
                          command line is readable by every local user (ps)
                          for the whole run, and a warning says so
  --var-file <file>       NAME=value lines (# comments, optional 'export ');
                          the file must be private (chmod 600), else exit 2
  --var-stdin NAME        NAME's value is what stdin holds (one final newline
                          dropped): printf '%s\n' "$TOKEN" | runbook run …
  Secrets are best given in the environment (TOKEN=… runbook run …), with
  --var-file, --var-stdin, or at the prompt (without echo).
  Precedence, lowest first: declared defaults, the environment, an answer at
  the prompt, what earlier steps of the incident exported, --var-file,
  --var-stdin, --var, the incident's own values (INCIDENT_ID, …). A value
  still missing is asked for on a terminal (secrets without echo); without
  one it is an error naming how to give it. Secret values (declared secret,
  named like a credential, exported from a secret, or the password inside a
  URL) are redacted in all output, also base64-, hex- or URL-encoded, and
  never stored.

Safety:
  --yes, -y               run steps that change things without asking
                          (without a terminal such steps are refused, exit 3)
  --context <name>        accept this kube context instead of the declared one
                          (the journal records the override)
  A step that reaches a Kubernetes cluster runs only when its commands target
  the context (and namespace) the step or runbook declares; otherwise it is
  refused (exit 3) naming the expected and actual context. A runbook that
  declares none is guarded too: the incident pins the context its first
  cluster step used, and later steps reaching another are refused.
  A frontmatter that does not parse stops every run of the runbook (exit 2,
  with file:line:col).
  Two-person rule: a step the runbook's approvals (by risk) or its approve=<n>
  attribute cover waits for other responders' approval of its exact commands
  and values, printing 'waiting for approval: runbook approve <request>';
  denied or expired, it is refused (exit 3); Ctrl-C withdraws the request
  (130). On the file store it is refused unless approvals say store: any.
  See docs/approvals.md.
  --dry-run               print the plan (see 'runbook plan') and run nothing

Stopping:
  Ctrl-C, SIGTERM or SIGHUP end the running step's whole process tree (after
  a grace period; a second Ctrl-C ends it at once) and journal it as
  interrupted; the exit code is 130. Ctrl-C at a prompt exits at once (130).

Other:
  --incident <id>         record in this incident instead of the current one
  --timeout <duration>    stop a step after this long (30s, 5m, 1h30m)
  --log-limit <size>      bytes a step's log file keeps (64k, 100MiB, 1G;
                          default 100MiB, or RUNBOOK_LOG_LIMIT); past it the
                          log ends with a "log truncated" line
  Output is paced by the terminal: when stdout is not read, the step waits.
  A step whose log could not be written in full counts as failed.
  --format text|json      output format (default: text)
  -h, --help              show this help

Exit codes: 0 every step succeeded, 1 a step failed, 2 bad usage or input
(missing file, bad flag, unknown step, missing value, a frontmatter that does
not parse), 3 refused (not confirmed, no alternative chosen, the context
guard said no, or an approval denied, expired or not possible), 130
interrupted.
`;

const run: CliCommand = {
  name: 'run',
  help,
  run: (context) => withUsageErrors(() => runCommand(context)),
};

export default run;

async function runCommand(context: CliContext): Promise<number> {
  // Private files a killed run left behind (a step's exports listing holds its secrets) go first.
  sweepPrivateDirectories();
  const flags = readRunFlags(context, 'run');
  if (flags.varStdin !== undefined && !flags.argvVars.includes(flags.varStdin)) {
    flags.vars[flags.varStdin] = await readVarStdin(flags.varStdin, context.stdin);
  }
  const opened = await openRunSession(context, flags);
  warnSecretsInArgv(context, flags.argvVars, opened.session.values);
  if (flags.dryRun) {
    await printPlans(opened, context);
    return RunExit.ok;
  }
  if (!opened.session.incident && flags.format === 'text') {
    context.stderr.write("runbook run: no current incident, so nothing is recorded (start one with 'runbook incident start').\n");
  }
  const stop = handleStopSignals();
  const base = flags.format === 'json' ? quietIO(context, stop.signal) : terminalIO(context, opened, stop.signal);
  const pty = interactiveTerminal(context);
  const io: SessionIO = {
    ...base,
    onStepProcess: stop.watchProcess,
    ...(pty === undefined
      ? {}
      : {
          terminal: pty.terminal,
          onStepEnd: (report) => {
            pty.release();
            base.onStepEnd?.(report);
          },
        }),
  };
  try {
    const report = await opened.session.run(opened.steps, io, opened.commands === undefined ? {} : { commands: opened.commands });
    if (report.problem !== undefined) throw new UsageError(report.problem);
    if (flags.format === 'json') context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.exitCode;
  } catch (error) {
    if (error instanceof PromptCanceled) {
      context.stderr.write('runbook run: canceled at the prompt; nothing more was run.\n');
      return RunExit.interrupted;
    }
    throw error;
  } finally {
    stop.dispose();
  }
}

/** A secret given with --var sits in /proc/<pid>/cmdline, readable by every local user, for the whole run. */
function warnSecretsInArgv(context: CliContext, names: readonly string[], values: { isSecret(name: string): boolean }): void {
  for (const name of names.filter((candidate) => values.isSecret(candidate))) {
    context.stderr.write(
      `runbook run: warning: --var ${name}=… puts a secret on the command line, where every local user can read it (ps) while the run lasts; give it in the environment (${name}=… runbook run …), with --var-file <private file>, with --var-stdin ${name}, or at the prompt\n`,
    );
  }
}

/** Text mode: headers and results on stderr, the steps' own output on stdout/stderr as it comes. */
function terminalIO(context: CliContext, opened: CliRunSession, signal: AbortSignal): SessionIO {
  const c = paint(context.color);
  const progress = new ProgressLine(context.stdout, { enabled: context.interactive });
  const where = opened.session.incident ? ` · ${opened.session.incident.id}` : '';
  return {
    ...prompts(context, signal),
    onStepStart(prepared) {
      const label = stepLabel(prepared.step);
      context.stderr.write(`${c.bold(`▶ ${label}`)} ${c.risk(prepared.plan.risk, prepared.plan.risk)}${c.dim(where)}\n`);
      progress.start(`${label}${where}`);
    },
    onOutput: (stream, text) => {
      const terminal = stream === 'stdout' ? context.stdout : context.stderr;
      progress.write(terminal, text);
      // A reader that stopped reading (a stalled pipe, a paused pager) pauses the step, not our memory.
      return terminal.writableNeedDrain ? caughtUp(terminal) : undefined;
    },
    onProgress: (message) => progress.write(context.stderr, `${c.dim(message)}\n`),
    onStepEnd(report) {
      progress.stop();
      context.stderr.write(`${describeEnd(report, c)}\n`);
    },
  };
}

/** JSON mode: nothing but the final report on stdout; refusals and missing values still say why on stderr. */
function quietIO(context: CliContext, signal: AbortSignal): SessionIO {
  return {
    ...prompts(context, signal),
    onStepEnd(report) {
      if (report.status === 'refused') context.stderr.write(`runbook run: ${report.message}\n`);
    },
  };
}

/** Questions go to stderr in both modes, so stdout stays the output (or the JSON). */
function prompts(context: CliContext, signal: AbortSignal): Pick<SessionIO, 'interactive' | 'signal' | 'ask' | 'confirm' | 'chooseAlternative'> {
  return {
    interactive: context.interactive,
    signal,
    ask(request) {
      const about = request.description === undefined ? '' : ` — ${request.description}`;
      return askLine(context, `${request.name}${about}${request.secret ? ' (secret, not shown)' : ''}: `, { secret: request.secret, signal });
    },
    // One screen: the changing commands, their risk and target; the whole plan (values masked) behind `d`.
    confirm: (request) =>
      askConfirmation(
        { ask: (question) => askLine(context, question, { signal }), write: (text) => context.stderr.write(text) },
        { ...buildConfirmation(request.plan, request.prepared.guard), details: describePreparedStep(request.prepared, request.values) },
        paint(context.color),
        [valuesLine(request.prepared, request.values, confirmationWidth) ?? []].flat(),
      ),
    chooseAlternative: (request) =>
      chooseAlternativeOnTerminal(
        { ask: (question) => askLine(context, question, { signal }), write: (text) => context.stderr.write(text) },
        request,
        paint(context.color),
      ),
  };
}

/** Settles when `stream` has taken what it was given, or can take nothing more. */
function caughtUp(stream: Writable): Promise<void> {
  if (stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      for (const event of ['drain', 'error', 'close']) stream.off(event, done);
      resolve();
    };
    for (const event of ['drain', 'error', 'close']) stream.once(event, done);
  });
}

function describeEnd(report: StepReport, c: ReturnType<typeof paint>): string {
  const label = report.name ?? report.stepId;
  const took = report.durationMs === undefined ? '' : ` in ${formatMs(report.durationMs)}`;
  const cut = report.logTruncatedAt === undefined ? '' : c.dim(` (log truncated at ${report.logTruncatedAt} bytes: ${report.logFile ?? 'the log'})`);
  if (report.status === 'succeeded') return c.green(`✓ ${label} succeeded${took}`) + cut;
  if (report.status === 'refused') return c.yellow(`✗ ${report.message}`);
  const log = report.logFile === undefined ? '' : `\n  full output: ${report.logFile}`;
  if (report.status === 'interrupted') return c.yellow(`✗ ${label} was interrupted (${report.interrupted ?? 'canceled'})${took}`) + log;
  if (report.failedCommands !== undefined && report.failedCommands.length > 0) {
    const failed = report.failedCommands.map((command) => `command ${command.number} (line ${command.line}) exited ${command.exitCode}`).join(', ');
    return c.red(`✗ ${label} failed: ${failed}${took}`) + log;
  }
  // Exited 0 yet failed: the message says why (its log could not be written in full).
  if (report.exitCode === 0 && !report.timedOut && !report.canceled && report.signal === undefined) return c.red(`✗ ${report.message}`);
  const how = report.timedOut
    ? 'timed out'
    : report.canceled
      ? 'was canceled'
      : report.signal !== undefined
        ? `was killed by ${report.signal}`
        : report.exitCode === undefined
          ? `did not run: ${report.message}`
          : `failed with exit code ${report.exitCode}`;
  return c.red(`✗ ${label} ${how}${took}`) + log;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
