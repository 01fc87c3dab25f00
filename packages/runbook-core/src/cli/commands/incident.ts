import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { IncidentState } from '../../incident/index.ts';
import * as incidents from '../../incident/index.ts';
import { humanDuration, utcDateTime } from '../../incident/utc-time.ts';
import { ExitCode, UsageError, type CliCommand, type CliContext } from '../command.ts';
import { parseDurationFlag } from '../duration-flag.ts';
import { parseFormatFlag, type OutputFormat } from '../format-flag.ts';
import { formatIncidentStatus } from '../format-incident-status.ts';
import { findIncident, requireIncident } from '../incident-context.ts';
import { reviewHelp, reviewIncident } from './incident-review.ts';
import { loadRunbook } from '../load-runbook.ts';
import { paint } from '../paint.ts';
import { parseFlags } from '../parse-flags.ts';
import { askLine } from '../prompt.ts';
import { withUsageErrors } from '../usage-errors.ts';
import { findWorkspace } from '../workspace.ts';

const help = `Usage: runbook incident <subcommand> [options]

Incident sessions: an append-only journal under .runbook/incidents/<id>/ of
the workspace (the nearest folder up with .runbook/, else with .git, else the
current one; RUNBOOK_WORKSPACE overrides). Steps run and items ticked go into
the current incident's journal.

Subcommands:
  start                 open an incident and make it current
      --severity <P>    P0..P3 (or the runbook's levels; asked on a terminal)
      --title <text>    what is happening (default: the runbook's title)
      --runbook <file>  take the id template and severity levels from it
      --detected-at <time>
                        when the problem was detected, if earlier: an ISO time
                        or how long ago (15m); used for MTTD
      --context <name>  the kube context the incident's cluster steps must
                        use when their runbook declares none (default: the
                        one its first cluster step uses)
  status                id, severity, elapsed time, response due or overdue,
                        next status update due (without a current incident:
                        the latest one, also for timeline)
  note <text…>          add a note to the journal
  severity <P>          change the severity   [--reason <text>]
  resolve               close the incident    [--summary <text>]
  timeline              the post-incident review's timeline table
${reviewHelp}
  report --month YYYY-MM [--output <file>]
                        MTTD, MTTR, MTBF and counts by severity over the
                        month's incidents (JSON in the file)
  list                  every incident; * marks the current one
  switch <id>           make another incident current
  verify [id]           check the journal's hash chain (default: the current
                        or latest incident); reports the first line that does
                        not fit

Options:
  --incident <id>       act on this incident instead of the current one
  --format text|json    output format (default: text)
  -h, --help            show this help

Exit codes: 0 ok, 1 verify found a broken journal, 2 bad usage or input (no
current incident, unknown id, unknown severity, bad month), 4 the journal
could not be written or used (full disk, read-only, a symbolic link).
`;

const flagSpec = {
  severity: { type: 'string' },
  title: { type: 'string' },
  runbook: { type: 'string' },
  'detected-at': { type: 'string' },
  context: { type: 'string' },
  summary: { type: 'string' },
  reason: { type: 'string' },
  month: { type: 'string' },
  output: { type: 'string' },
  incident: { type: 'string' },
  format: { type: 'string' },
} as const;

type Flags = ReturnType<typeof parseFlags<typeof flagSpec>>['values'];

interface Invocation {
  context: CliContext;
  flags: Flags;
  args: string[];
  format: OutputFormat;
  who: string;
}

const subcommands: Record<string, (invocation: Invocation) => Promise<number>> = {
  start,
  status,
  note,
  severity,
  resolve: resolveIncident,
  timeline,
  report,
  list,
  switch: switchIncident,
  verify,
  review: reviewIncident,
};

const incident: CliCommand = {
  name: 'incident',
  help,
  run: (context) =>
    withUsageErrors(async () => {
      const { values, positionals } = parseFlags(context.argv, flagSpec);
      const [name, ...args] = positionals;
      if (name === undefined) throw new UsageError(`missing subcommand: ${Object.keys(subcommands).join(', ')}`);
      const subcommand = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
      if (!subcommand) throw new UsageError(`unknown subcommand '${name}': use ${Object.keys(subcommands).join(', ')}`);
      return subcommand({ context, flags: values, args, format: parseFormatFlag(values.format), who: incidents.currentUser(context.env) });
    }),
};

export default incident;

async function start({ context, flags, args, format, who }: Invocation): Promise<number> {
  noArguments('start', args);
  const workspace = findWorkspace(context.cwd, context.env);
  const loaded = flags.runbook === undefined ? undefined : await loadRunbook(flags.runbook, context.cwd);
  const levels = incidents.severityLevels(loaded?.runbook);
  const severity =
    flags.severity ??
    (await askOr(context, `Severity (${levels.map((level) => level.id).join(', ')}): `, '--severity', levels.map((level) => level.id).join('..')));
  const title =
    flags.title ?? loaded?.runbook.meta.title ?? loaded?.runbook.sections[0]?.title ?? (await askOr(context, 'Title (what is happening): ', '--title', '"…"'));
  const detectedAt = flags['detected-at'] === undefined ? undefined : parseDetectedAt(flags['detected-at']);
  const previous = await incidents.currentIncident({ workspace });
  const state = await incidents.startIncident({
    workspace,
    severity,
    title,
    who,
    ...(loaded === undefined ? {} : { runbook: loaded.runbook, runbookPath: loaded.file }),
    ...(detectedAt === undefined ? {} : { detectedAt }),
  });
  // The run session guards undeclared contexts against this pin.
  if (flags.context !== undefined) await incidents.recordEvent(state.id, { type: 'context-pinned', context: flags.context }, { workspace, who });
  return show(context, format, state, () => {
    const status = incidents.incidentStatus(state);
    const due = status.responseDueAt ? `; response due ${utcDateTime(new Date(status.responseDueAt))}` : '';
    const before = previous === undefined ? '' : ` (${previous} stays open: runbook incident switch ${previous} goes back)`;
    return `Started ${state.id} (${state.severity}) — ${state.title}${due}.\nIt is now the current incident${before}.\n`;
  });
}

async function status({ context, flags, args, format }: Invocation): Promise<number> {
  noArguments('status', args);
  const { state } = await requireIncident(context, flags.incident, { orLatest: true });
  const now = incidents.incidentStatus(state);
  if (format === 'json') return printJson(context, { ...stateJson(state), statusNow: now });
  context.stdout.write(formatIncidentStatus(state, now, paint(context.color)));
  return ExitCode.ok;
}

async function note({ context, flags, args, format, who }: Invocation): Promise<number> {
  const text = args.join(' ').trim();
  if (text === '') throw new UsageError('note needs its text: runbook incident note "what happened"');
  const { workspace, state } = await requireIncident(context, flags.incident);
  const event = await incidents.recordEvent(state.id, { type: 'note', text }, { workspace, who });
  return show(context, format, event, () => `Noted in ${state.id}.\n`);
}

async function severity({ context, flags, args, format, who }: Invocation): Promise<number> {
  const [level, ...extra] = args;
  if (level === undefined) throw new UsageError('severity needs the new level, e.g. runbook incident severity P1');
  noArguments('severity', extra);
  const { workspace, state } = await requireIncident(context, flags.incident);
  const after = await incidents.changeSeverity(state.id, level, { workspace, who, ...(flags.reason === undefined ? {} : { reason: flags.reason }) });
  return show(context, format, stateJson(after), () => `${after.id}: severity ${state.severity ?? 'unknown'} → ${after.severity}.\n`);
}

async function resolveIncident({ context, flags, args, format, who }: Invocation): Promise<number> {
  noArguments('resolve', args);
  const { workspace, state } = await requireIncident(context, flags.incident);
  if (state.status === 'resolved') throw new UsageError(`incident ${state.id} is already resolved`);
  const after = await incidents.resolveIncident(state.id, { workspace, who, ...(flags.summary === undefined ? {} : { summary: flags.summary }) });
  const lasted = incidents.incidentStatus(after).elapsedMs;
  return show(context, format, stateJson(after), () => `Resolved ${after.id} after ${humanDuration(lasted)}.\n`);
}

async function timeline({ context, flags, args, format }: Invocation): Promise<number> {
  noArguments('timeline', args);
  const { state } = await requireIncident(context, flags.incident, { orLatest: true });
  const rows = incidents.incidentTimeline(state);
  warnJournal(context, state);
  return show(context, format, rows, () => incidents.formatTimelineTable(rows));
}

async function report({ context, flags, args, format }: Invocation): Promise<number> {
  noArguments('report', args);
  if (flags.month === undefined) throw new UsageError('report needs --month YYYY-MM, e.g. --month 2026-11');
  const workspace = findWorkspace(context.cwd, context.env);
  const metrics = incidents.incidentMetrics(await incidents.loadIncidents({ workspace }), { month: flags.month });
  if (flags.output !== undefined) {
    const file = resolve(context.cwd, flags.output);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(metrics, null, 2)}\n`);
  }
  if (format === 'json') return printJson(context, metrics);
  const minutes = (mean: { meanMinutes: number | null; samples: number }) => (mean.meanMinutes === null ? 'n/a' : `${mean.meanMinutes} min (${mean.samples})`);
  const lines = [
    `Incidents started in ${metrics.month}: ${metrics.total} (${metrics.resolved} resolved, ${metrics.open} open)`,
    `  by severity: ${
      Object.entries(metrics.bySeverity)
        .map(([level, count]) => `${level} ${count}`)
        .join(', ') || 'none'
    }`,
    `  MTTD ${minutes(metrics.mttd)} · MTTR ${minutes(metrics.mttr)} · MTBF ${minutes(metrics.mtbf)}`,
    ...metrics.skipped.map((entry) => `  skipped ${entry.id}: ${entry.reason}`),
  ];
  if (flags.output !== undefined) lines.push(`Wrote ${flags.output}`);
  context.stdout.write(`${lines.join('\n')}\n`);
  return ExitCode.ok;
}

async function list({ context, args, format }: Invocation): Promise<number> {
  noArguments('list', args);
  const target = await findIncident(context, undefined);
  const states = await incidents.loadIncidents({ workspace: target.workspace });
  for (const entry of await new incidents.FileIncidentStore(target.workspace).refusedEntries()) {
    context.stderr.write(`runbook incident list: warning: ${entry} is not a real folder (a symbolic link?); refused, not listed\n`);
  }
  if (format === 'json')
    return printJson(
      context,
      states.map((state) => ({ ...stateJson(state), current: state.id === target.id })),
    );
  if (states.length === 0) {
    context.stdout.write(`No incidents in ${target.workspace}/.runbook yet.\n`);
    return ExitCode.ok;
  }
  const c = paint(context.color);
  for (const state of states) {
    const mark = state.id === target.id ? '*' : ' ';
    const started = state.startedAt === undefined ? 'start unknown' : utcDateTime(new Date(state.startedAt));
    context.stdout.write(`${mark} ${c.bold(state.id)}  ${(state.severity ?? '?').padEnd(3)} ${state.status.padEnd(8)} ${started}  ${state.title ?? ''}\n`);
  }
  return ExitCode.ok;
}

async function switchIncident({ context, args, format }: Invocation): Promise<number> {
  const [id, ...extra] = args;
  if (id === undefined) throw new UsageError('switch needs an incident id (see: runbook incident list)');
  noArguments('switch', extra);
  const target = await findIncident(context, id);
  await incidents.setCurrentIncident(id, { workspace: target.workspace });
  return show(context, format, { current: id }, () => `${id} is now the current incident.\n`);
}

async function verify({ context, flags, args, format }: Invocation): Promise<number> {
  const [id, ...extra] = args;
  noArguments('verify', extra);
  const { workspace, state } = await requireIncident(context, id ?? flags.incident, { orLatest: true });
  const result = await incidents.verifyJournal(state.id, { workspace });
  if (format === 'json') {
    printJson(context, result);
    return result.intact ? ExitCode.ok : ExitCode.failed;
  }
  for (const message of result.messages) {
    if (message !== result.firstProblem) context.stdout.write(`  ${message.reason}\n`);
  }
  if (result.firstProblem) {
    context.stdout.write(`${state.id}: journal broken at ${result.firstProblem.reason}\n`);
    return ExitCode.failed;
  }
  context.stdout.write(`${state.id}: journal intact (${result.events} events)\n`);
  return ExitCode.ok;
}

/** Lines the journal's reader reported (corrupt, unchained), one warning each: never dropped silently. */
function warnJournal(context: CliContext, state: IncidentState): void {
  for (const message of state.messages) {
    if (message.severity !== 'info') context.stderr.write(`runbook: warning: ${state.id} journal ${message.reason}\n`);
  }
}

/** An incident as JSON: the replayed state with its maps as plain objects. */
function stateJson(state: IncidentState) {
  const { events, checklist, steps, variables, ...rest } = state;
  return {
    ...rest,
    checklist: Object.fromEntries(checklist),
    steps: Object.fromEntries(steps),
    variables: Object.fromEntries(variables),
    eventCount: events.length,
  };
}

function show(context: CliContext, format: OutputFormat, data: unknown, text: () => string): number {
  if (format === 'json') return printJson(context, data);
  context.stdout.write(text());
  return ExitCode.ok;
}

function printJson(context: CliContext, data: unknown): number {
  context.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  return ExitCode.ok;
}

function noArguments(subcommand: string, args: readonly string[]): void {
  if (args.length > 0) throw new UsageError(`${subcommand}: unexpected argument '${args[0]}'`);
}

async function askOr(context: CliContext, question: string, flag: string, example: string): Promise<string> {
  if (!context.interactive) throw new UsageError(`pass ${flag} ${example} (no terminal to ask on)`);
  const answer = (await askLine(context, question)).trim();
  if (answer === '') throw new UsageError(`${flag} is needed`);
  return answer;
}

function parseDetectedAt(value: string): Date {
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new UsageError(`--detected-at '${value}' is not a valid time`);
    return date;
  }
  return new Date(Date.now() - parseDurationFlag('--detected-at', value));
}
