import * as incidents from '../../incident/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { didYouMean } from '../did-you-mean.ts';
import { parseFormatFlag } from '../format-flag.ts';
import { parseFlags } from '../parse-flags.ts';
import { withUsageErrors } from '../usage-errors.ts';
import { approvals } from './incident/approvals.ts';
import { assign } from './incident/assign.ts';
import { cancel, resolve } from './incident/close.ts';
import { incidentFlagSpec, type Subcommand } from './incident/flags.ts';
import { list } from './incident/list.ts';
import { mark } from './incident/mark.ts';
import { note } from './incident/note.ts';
import { reopen } from './incident/reopen.ts';
import { report } from './incident/report.ts';
import { severity } from './incident/severity.ts';
import { start } from './incident/start.ts';
import { status } from './incident/status.ts';
import { switchIncident } from './incident/switch.ts';
import { tail } from './incident/tail.ts';
import { timeline } from './incident/timeline.ts';
import { verify } from './incident/verify.ts';
import { exportIncident } from './incident/export.ts';
import { push } from './incident/push.ts';
import { store } from './incident/store.ts';
import { watchStatus } from './incident/watch.ts';
import { reviewHelp, reviewIncident } from './incident-review.ts';

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
      --watch           draw it again on every change by anyone (ticks,
                        steps, roles, severity, approvals) until Ctrl-C
  tail [-f]             the journal as timeline lines, one per event; -f
                        (--follow) prints new ones as they come, until Ctrl-C
                        (changes are pushed by a shared store, else the
                        journal is read every RUNBOOK_WATCH_POLL_MS, 250)
  approvals             approval requests waiting for a decision (two-person
                        rule): the commands, values, risk and cluster; decide
                        with 'runbook approve <request>' or 'runbook deny
                        <request> --reason <text>' (docs/approvals.md)
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
  export [id] [--output <file>]
                        the journal as JSON lines (from any store); --output
                        writes a new private file
  push <id>             copy a local incident (.runbook/) into the shared
                        store, keeping its event ids and order
  store init [role…]    as the database's owner: create or migrate the shared
                        store's schema, let each role add and read incidents
                        (never change or delete them), load people from
                        runbook.config.json

Shared store: "store" in runbook.config.json or RUNBOOK_STORE names a
postgres://[user@]host[:port]/database (never with a password: PGPASSWORD or
~/.pgpass). While it cannot be reached, commands work on a local copy and
send what they wrote, in order, when it is back. docs/team-incidents.md

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
used (full disk, read-only, a symbolic link, the shared store refused it).
`;

const subcommands: Record<string, Subcommand> = {
  start,
  status: (invocation) => (invocation.flags.watch === true ? watchStatus(invocation) : status(invocation)),
  tail,
  approvals,
  note,
  severity,
  resolve,
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
  export: exportIncident,
  push,
  store,
};

const incident: CliCommand = {
  name: 'incident',
  help,
  run: (context) =>
    withUsageErrors(async () => {
      const { values, positionals } = parseFlags(context.argv, incidentFlagSpec);
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
