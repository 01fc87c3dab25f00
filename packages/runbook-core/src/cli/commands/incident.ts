import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { printable } from '../../text/printable.ts';
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
import { didYouMean } from '../did-you-mean.ts';
import { formatMetrics, metricsCsv } from '../format-incident-metrics.ts';
import { paint } from '../paint.ts';
import { notifySlack } from '../slack-notify.ts';
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
      --drill           a rehearsal: recorded, left out of the metrics
      --duplicate-of <id>
                        repeats an incident already open: left out of the
                        metrics
      --also            start it although another incident is open (asked
                        on a terminal; required without one)
  status                id, severity, roles, elapsed time, response due or
                        overdue, next status update due (without a current
                        incident: the latest one, also for timeline)
  assign <role> <person>
                        give a role: commander (ic), lead, comms, security,
                        scribe or any word; again to someone else is a
                        hand-over, recorded with who had it
  note <text…>          add a note to the journal
  severity <P>          change the severity, only while open; the same level
                        is "unchanged" and records nothing   [--reason <text>]
  mark <moment> [--at <time>]
                        record when impact-started, detected, acknowledged,
                        mitigated or resolved happened (default: now; --at an
                        ISO time or how long ago, 15m); the latest mark wins
  resolve               close the incident    [--summary <text>]
      --cause-category <word>   deployment, capacity, dependency, … (report)
      --customer-impact <text>  what customers saw (report)
  cancel --reason <text>
                        close it as not an incident (false alarm, opened by
                        mistake): left out of the metrics
  reopen [id]           open a resolved or cancelled incident again; it
                        becomes current   [--reason <text>]
  timeline              the post-incident review's timeline table
${reviewHelp}
  report [--month YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD]
                        MTTD, MTTA, MTTM, MTTR, MTBF, counts by severity and
                        cause category, customer impact, SLA breaches; drills,
                        duplicates and cancelled counted apart. Default: this
                        month. --format text|json|csv (CSV: one row per
                        incident)   [--output <file>: the JSON, or CSV]
                        Definitions and sources: docs/metrics.md
  list                  every incident, open ones first; * marks the current
  switch <id>           make another incident current (resolved ones too,
                        for their timeline and review)
  verify [id]           check the journal's hash chain (default: the current
                        or latest incident); reports the first line that does
                        not fit

Slack: with RUNBOOK_SLACK_WEBHOOK_URL (an incoming webhook), or
RUNBOOK_SLACK_TOKEN and RUNBOOK_SLACK_CHANNEL (chat.postMessage; the API
base from RUNBOOK_SLACK_API_URL), start, severity, assign, resolve, cancel
and reopen post a line. A failed post is retried (3 attempts), journaled and
warned about; it never stops the command. The URL and token are never
written anywhere.

Options:
  --incident <id>       act on this incident instead of the current one
  --format text|json    output format (default: text)
  -h, --help            show this help

Exit codes: 0 ok, 1 verify found a broken journal, 2 bad usage or input (no
current incident, unknown id, unknown severity, bad month, already resolved,
another incident open without --also), 4 the journal could not be written or
used (full disk, read-only, a symbolic link).
`;

const flagSpec = {
  severity: { type: 'string' },
  title: { type: 'string' },
  runbook: { type: 'string' },
  'detected-at': { type: 'string' },
  context: { type: 'string' },
  drill: { type: 'boolean' },
  'duplicate-of': { type: 'string' },
  also: { type: 'boolean' },
  summary: { type: 'string' },
  'cause-category': { type: 'string' },
  'customer-impact': { type: 'string' },
  at: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
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
  format: OutputFormat | 'csv';
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
  assign,
  mark,
  cancel,
  reopen,
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
      if (!subcommand) {
        const hint = didYouMean(name, Object.keys(subcommands), (word) => `'runbook incident ${word}'`);
        throw new UsageError(`unknown subcommand '${name}'${hint}: use ${Object.keys(subcommands).join(', ')}`);
      }
      // CSV is the report's alone; every other subcommand takes text or json.
      const format = name === 'report' && values.format === 'csv' ? 'csv' : parseFormatFlag(values.format);
      return subcommand({ context, flags: values, args, format, who: incidents.currentUser(context.env) });
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
  const detectedAt = flags['detected-at'] === undefined ? undefined : parseTimeFlag('--detected-at', flags['detected-at']);
  if (flags.drill !== true && flags['duplicate-of'] === undefined) await confirmAnotherIncident(context, workspace, flags.also === true);
  const previous = await incidents.currentIncident({ workspace });
  const state = await incidents.startIncident({
    workspace,
    severity,
    title,
    who,
    ...(loaded === undefined ? {} : { runbook: loaded.runbook, runbookPath: loaded.file }),
    ...(detectedAt === undefined ? {} : { detectedAt }),
    ...(flags.drill === true ? { drill: true } : {}),
    ...(flags['duplicate-of'] === undefined ? {} : { duplicateOf: flags['duplicate-of'] }),
  });
  // The run session guards undeclared contexts against this pin.
  if (flags.context !== undefined) await incidents.recordEvent(state.id, { type: 'context-pinned', context: flags.context }, { workspace, who });
  const kindNote = state.drill ? ' [drill]' : state.duplicateOf !== undefined ? ` [duplicate of ${state.duplicateOf}]` : '';
  await notifySlack(
    context,
    { workspace, id: state.id, who },
    'started',
    `:rotating_light: ${state.id} (${state.severity})${kindNote} started by ${who}: ${state.title}`,
  );
  return show(context, format, state, () => {
    const status = incidents.incidentStatus(state);
    const due = status.responseDueAt ? `; response due ${utcDateTime(new Date(status.responseDueAt))}` : '';
    const kind = state.drill ? ' [drill]' : state.duplicateOf !== undefined ? ` [duplicate of ${state.duplicateOf}]` : '';
    const before = previous === undefined ? '' : ` (${previous} stays open: runbook incident switch ${previous} goes back)`;
    return `Started ${state.id} (${state.severity})${kind} — ${state.title}${due}.\nIt is now the current incident${before}.\n`;
  });
}

/** A second real incident while one is open is usually a mistake: ask on a terminal, else require --also. */
async function confirmAnotherIncident(context: CliContext, workspace: string, also: boolean): Promise<void> {
  if (also) return;
  const open = (await incidents.loadIncidents({ workspace })).filter((state) => state.status === 'open' && state.startedAt !== undefined);
  if (open.length === 0) return;
  const named = open.map((state) => `${state.id} (${state.severity ?? '?'}, ${printable(state.title ?? 'no title')})`).join(', ');
  if (!context.interactive) {
    throw new UsageError(
      `${named} ${open.length === 1 ? 'is' : 'are'} open: pass --also to start another, --duplicate-of <id> if it is the same problem, or resolve it first`,
    );
  }
  const answer = (await askLine(context, `${named} ${open.length === 1 ? 'is' : 'are'} open. Start another incident? [y/N] `)).trim().toLowerCase();
  if (answer !== 'y' && answer !== 'yes') throw new UsageError(`not started: ${named} stays open (runbook incident switch <id>)`);
}

async function status({ context, flags, args, format }: Invocation): Promise<number> {
  noArguments('status', args);
  const { state } = await requireIncident(context, flags.incident, { orLatest: true });
  const at = new Date();
  const now = incidents.incidentStatus(state, at);
  if (format === 'json') return printJson(context, { ...stateJson(state), statusNow: now });
  context.stdout.write(formatIncidentStatus(state, now, paint(context.color), at));
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
  const changed = after.severity !== state.severity;
  if (changed)
    await notifySlack(
      context,
      { workspace, id: after.id, who },
      'severity-changed',
      `${after.id}: severity ${state.severity ?? 'unknown'} → ${after.severity}${flags.reason ? ` (${flags.reason})` : ''}`,
    );
  return show(context, format, { ...stateJson(after), changed }, () =>
    changed ? `${after.id}: severity ${state.severity ?? 'unknown'} → ${after.severity}.\n` : `${after.id}: severity unchanged (${after.severity}).\n`,
  );
}

async function resolveIncident({ context, flags, args, format, who }: Invocation): Promise<number> {
  noArguments('resolve', args);
  const { workspace, state } = await closable(context, flags.incident, 'resolve');
  const after = await incidents.resolveIncident(state.id, {
    workspace,
    who,
    ...(flags.summary === undefined ? {} : { summary: flags.summary }),
    ...(flags['cause-category'] === undefined ? {} : { causeCategory: flags['cause-category'] }),
    ...(flags['customer-impact'] === undefined ? {} : { customerImpact: flags['customer-impact'] }),
  });
  const lasted = incidents.incidentStatus(after).elapsedMs;
  await notifySlack(
    context,
    { workspace, id: after.id, who },
    'resolved',
    `:white_check_mark: ${after.id} resolved after ${humanDuration(lasted)}${after.resolution ? `: ${after.resolution}` : ''}`,
  );
  const next = await nextCurrent(workspace, after.id);
  return show(
    context,
    format,
    { ...stateJson(after), current: next.current ?? null },
    () => `Resolved ${after.id} after ${humanDuration(lasted)}.\n${next.text}`,
  );
}

async function cancel({ context, flags, args, format, who }: Invocation): Promise<number> {
  noArguments('cancel', args);
  if (flags.reason === undefined) throw new UsageError('cancel needs --reason "<why>" (false alarm, opened by mistake, duplicate)');
  const { workspace, state } = await closable(context, flags.incident, 'cancel');
  const after = await incidents.cancelIncident(state.id, flags.reason, { workspace, who });
  await notifySlack(context, { workspace, id: after.id, who }, 'cancelled', `${after.id} cancelled: ${flags.reason}`);
  const next = await nextCurrent(workspace, after.id);
  return show(
    context,
    format,
    { ...stateJson(after), current: next.current ?? null },
    () => `Cancelled ${after.id}: ${printable(flags.reason ?? '')}.\n${next.text}`,
  );
}

async function reopen({ context, flags, args, format, who }: Invocation): Promise<number> {
  const [id, ...extra] = args;
  noArguments('reopen', extra);
  const { workspace, state } = await requireIncident(context, id ?? flags.incident, { orLatest: true });
  if (state.status === 'open') throw new UsageError(`incident ${state.id} is open already`);
  const after = await incidents.reopenIncident(state.id, { workspace, who, ...(flags.reason === undefined ? {} : { reason: flags.reason }) });
  await notifySlack(context, { workspace, id: after.id, who }, 'reopened', `${after.id} reopened${flags.reason ? `: ${flags.reason}` : ''}`);
  return show(context, format, stateJson(after), () => `Reopened ${after.id}; it is now the current incident.\n`);
}

async function assign({ context, flags, args, format, who }: Invocation): Promise<number> {
  const [role, ...names] = args;
  const person = names.join(' ').trim();
  if (role === undefined || person === '')
    throw new UsageError(
      `assign needs a role and a person, e.g. runbook incident assign commander "Dana Lee" (roles: ${incidents.KNOWN_ROLES.join(', ')}, or any word)`,
    );
  const { workspace, state } = await requireIncident(context, flags.incident);
  const name = incidents.canonicalRole(role);
  if (!incidents.KNOWN_ROLES.includes(name) && state.roles?.[name] === undefined) {
    const near = didYouMean(name, incidents.KNOWN_ROLES);
    if (near !== '') throw new UsageError(`role '${role}'${near}: pass the role you mean (any word is a role; these are the usual ones)`);
  }
  const result = await incidents.assignRole(state.id, name, person, { workspace, who });
  if (result.changed) {
    const from = result.previous === undefined ? '' : ` (from ${result.previous})`;
    await notifySlack(context, { workspace, id: state.id, who }, 'assigned', `${state.id}: ${name} is ${person}${from}`);
  }
  return show(context, format, { ...stateJson(result.state), changed: result.changed, previous: result.previous ?? null }, () => {
    if (!result.changed) return `${state.id}: ${name} is already ${printable(person)} (unchanged).\n`;
    const handOver = result.previous === undefined ? '' : ` (handed over from ${printable(result.previous)})`;
    return `${state.id}: ${name} is ${printable(result.state.roles?.[name] ?? person)}${handOver}.\n`;
  });
}

async function mark({ context, flags, args, format, who }: Invocation): Promise<number> {
  const [moment, ...extra] = args;
  const known: readonly string[] = incidents.MILESTONES;
  if (moment === undefined) throw new UsageError(`mark needs a moment: ${known.join(', ')} (e.g. runbook incident mark detected --at 20m)`);
  noArguments('mark', extra);
  const milestone = moment === 'impact-start' || moment === 'impact' ? 'impact-started' : moment;
  if (!known.includes(milestone)) throw new UsageError(`unknown moment '${moment}'${didYouMean(moment, known)}: use ${known.join(', ')}`);
  const at = flags.at === undefined ? undefined : parseTimeFlag('--at', flags.at);
  const { workspace, state } = await requireIncident(context, flags.incident, { orLatest: milestone === 'resolved' });
  const after = await incidents.markMilestone(state.id, milestone as (typeof incidents.MILESTONES)[number], {
    workspace,
    who,
    ...(at === undefined ? {} : { at }),
  });
  const when = at ?? new Date();
  return show(context, format, stateJson(after), () => `${after.id}: ${milestone} at ${utcDateTime(when)}.\n`);
}

async function timeline({ context, flags, args, format }: Invocation): Promise<number> {
  noArguments('timeline', args);
  const { state } = await requireIncident(context, flags.incident, { orLatest: true });
  const rows = incidents.incidentTimeline(state);
  warnJournal(context, state);
  // Notes, item texts and step names are anyone's text: escaped before they reach a terminal.
  return show(context, format, rows, () => incidents.formatTimelineTable(rows.map(printableRow)));
}

async function report({ context, flags, args, format }: Invocation): Promise<number> {
  noArguments('report', args);
  const workspace = findWorkspace(context.cwd, context.env);
  const metrics = incidents.incidentMetrics(await incidents.loadIncidents({ workspace }), {
    ...(flags.month === undefined ? {} : { month: flags.month }),
    ...(flags.from === undefined ? {} : { from: flags.from }),
    ...(flags.to === undefined ? {} : { to: flags.to }),
  });
  const csv = format === 'csv' || flags.output?.endsWith('.csv') === true;
  if (flags.output !== undefined) {
    const file = resolve(context.cwd, flags.output);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, csv ? metricsCsv(metrics) : `${JSON.stringify(metrics, null, 2)}\n`);
  }
  if (format === 'json') return printJson(context, metrics);
  if (format === 'csv') {
    context.stdout.write(metricsCsv(metrics));
    return ExitCode.ok;
  }
  context.stdout.write(formatMetrics(metrics));
  if (flags.output !== undefined) context.stdout.write(`Wrote ${flags.output}\n`);
  return ExitCode.ok;
}

async function list({ context, args, format }: Invocation): Promise<number> {
  noArguments('list', args);
  const target = await findIncident(context, undefined);
  // Open first (oldest first: the longest-running needs eyes), then closed, latest first.
  const states = sortForList(await incidents.loadIncidents({ workspace: target.workspace }));
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
    const kind = state.drill ? ' [drill]' : state.duplicateOf !== undefined ? ` [duplicate of ${state.duplicateOf}]` : '';
    context.stdout.write(
      `${mark} ${c.bold(state.id)}  ${(state.severity ?? '?').padEnd(3)} ${lifecycle(state).padEnd(8)} ${started}  ${printable(state.title ?? '')}${kind}\n`,
    );
  }
  if (target.id === undefined && states.some((state) => state.status === 'open')) {
    context.stdout.write('No current incident: runbook incident switch <id> picks one.\n');
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

/** The incident to close: `--incident`, else the current one; a second resolve names the one already closed. */
async function closable(context: CliContext, flag: string | undefined, verb: string): Promise<{ workspace: string; state: IncidentState }> {
  const target = await findIncident(context, flag);
  if (target.id === undefined) {
    const states = await incidents.loadIncidents({ workspace: target.workspace });
    const open = states.filter((state) => state.status === 'open');
    if (open.length > 0) {
      throw new UsageError(
        `no current incident to ${verb}; open: ${open.map((state) => state.id).join(', ')} (pass --incident <id> or runbook incident switch <id>)`,
      );
    }
    const closedAt = (state: IncidentState) => state.resolvedAt ?? state.cancelled?.time ?? '';
    const latest = states.filter((state) => closedAt(state) !== '').sort((a, b) => closedAt(b).localeCompare(closedAt(a)))[0];
    if (latest !== undefined) throw new UsageError(`incident ${latest.id} is already ${lifecycle(latest)} and no incident is current (runbook incident list)`);
  }
  const found = await requireIncident(context, flag);
  if (found.state.status !== 'open') throw new UsageError(`incident ${found.state.id} is already ${lifecycle(found.state)}`);
  return found;
}

/**
 * After closing `closed`: when exactly one other incident is open it becomes
 * current, and the message says so; with several, none is, and they are named.
 */
async function nextCurrent(workspace: string, closed: string): Promise<{ current?: string; text: string }> {
  const current = await incidents.currentIncident({ workspace });
  if (current !== undefined && current !== closed) return { current, text: `${current} is still the current incident.\n` };
  const open = (await incidents.loadIncidents({ workspace })).filter((state) => state.status === 'open' && state.id !== closed);
  if (open.length === 1 && open[0] !== undefined) {
    await incidents.setCurrentIncident(open[0].id, { workspace });
    return { current: open[0].id, text: `${open[0].id} (still open) is now the current incident.\n` };
  }
  if (open.length === 0) return { text: 'No incident is open now.\n' };
  return { text: `No current incident now; still open: ${open.map((state) => state.id).join(', ')} (runbook incident switch <id>).\n` };
}

/** open, resolved or cancelled. */
function lifecycle(state: IncidentState): string {
  return state.cancelled ? 'cancelled' : state.status;
}

function sortForList(states: IncidentState[]): IncidentState[] {
  const startMs = (state: IncidentState) => (state.startedAt === undefined ? 0 : Date.parse(state.startedAt));
  const open = states.filter((state) => state.status === 'open').sort((a, b) => startMs(a) - startMs(b) || a.id.localeCompare(b.id));
  const closed = states.filter((state) => state.status !== 'open').sort((a, b) => startMs(b) - startMs(a) || b.id.localeCompare(a.id));
  return [...open, ...closed];
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

function show(context: CliContext, format: OutputFormat | 'csv', data: unknown, text: () => string): number {
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

/** An ISO time (`2026-11-14T14:05Z`, `…+01:00`) or how long ago (`15m`, `2h`). */
function parseTimeFlag(flag: string, value: string): Date {
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new UsageError(`${flag} '${value}' is not a valid time`);
    return date;
  }
  return new Date(Date.now() - parseDurationFlag(flag, value));
}

/** A timeline row with every text field made printable. */
function printableRow<Row extends object>(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' ? printable(value) : value])) as Row;
}
