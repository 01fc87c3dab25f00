import type { Template, TemplateSlot } from '../../model.ts';
import type { IncidentState } from '../../incident/index.ts';
import type { RenderedTemplate } from '../../template/index.ts';
import { ExitCode, UsageError, type CliCommand, type CliContext } from '../command.ts';
import { parseFillFlags } from '../fill-flags.ts';
import { describeTemplates, findTemplate } from '../find-template.ts';
import { parseFormatFlag } from '../format-flag.ts';
import { incidentValues } from '../../session/run-session.ts';
import { findIncident } from '../incident-context.ts';
import type { CliIncidentLocation } from '../incident-store-choice.ts';
import { notifySlack } from '../slack-notify.ts';
import { slackNotices } from '../../incident/slack-notice.ts';
import { loadRunbook } from '../load-runbook.ts';
import { parseFlags } from '../parse-flags.ts';
import { askLine } from '../prompt.ts';
import { isSecretVariable } from '../secret-variables.ts';
import { withUsageErrors } from '../usage-errors.ts';
import { parseVarFlags } from '../var-flags.ts';

const help = `Usage: runbook render <file> <template> [options]
       runbook render <file> --list

Fills a template of a runbook (the status update, a customer notice, the
post-incident review) and prints it. <template> is its name attribute or
heading (customer-initial, resolution, post-incident-review, status-update:
the words of the heading and its section, in any order), its section, or its
id (see --list).

Values, lowest precedence first: the runbook's declared defaults, the
environment, values steps of the incident exported, the incident's own
(INCIDENT_ID, SEVERITY, STATUS, START_TIME, DURATION — live while open, total
once resolved —, RESOLUTION, ROOT_CAUSE, roles, and brackets such as
[Investigating/Mitigating/Resolved] or **Duration**: [Total downtime]), then
--fill and --var. On a terminal, each slot still empty is asked for (an empty
answer leaves it). Slots left empty are listed on stderr with their line and
column. Secret variables are masked.

Options:
  --list                the templates: name, heading, id and slots
  --fill KEY=value      fill a [bracket] by its field's label (Impact=…), its
                        text, or a \${NAME}; repeatable
  --fill-file <file>    KEY=value lines, # comments; --fill wins over it
  --var NAME=value      a value for \${NAME}; repeatable
  --incident <id>       this incident (open or resolved) instead of the
                        current one; without either, the latest one
  --strict              exit 1 when any slot is left empty
  --no-prompt           do not ask on a terminal
  --record              record the text as a status update in the incident's
                        journal (resets the next-update clock)
  --format text|json    output format (default: text)
  -h, --help            show this help

Exit codes: 0 rendered (with --strict: and nothing left empty), 1 --strict
and a slot left empty, 2 bad usage or input.
`;

const render: CliCommand = {
  name: 'render',
  help,
  run: (context) => withUsageErrors(() => renderCommand(context)),
};

export default render;

async function renderCommand(context: CliContext): Promise<number> {
  const { values, positionals } = parseFlags(context.argv, {
    var: { type: 'string', multiple: true },
    fill: { type: 'string', multiple: true },
    'fill-file': { type: 'string' },
    incident: { type: 'string' },
    record: { type: 'boolean' },
    strict: { type: 'boolean' },
    list: { type: 'boolean' },
    'no-prompt': { type: 'boolean' },
    format: { type: 'string' },
  });
  const format = parseFormatFlag(values.format);
  const [file, wanted, ...extra] = positionals;
  if (file === undefined) throw new UsageError('usage: runbook render <file> <template> (or --list)');
  if (values.list === true) {
    if (wanted !== undefined) throw new UsageError(`--list takes no template, got '${wanted}'`);
    return listTemplates(context, file, format);
  }
  if (wanted === undefined) throw new UsageError('usage: runbook render <file> <template> (see: runbook render <file> --list)');
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const flags = parseVarFlags(values.var);
  const fills = await parseFillFlags(values.fill, values['fill-file'], context.cwd);
  const { runbook, source } = await loadRunbook(file, context.cwd);
  const template = await findTemplate(runbook, wanted, source);
  const { location, state } = await incidentToRender(context, values.incident);
  if (values.record === true && state === undefined) throw new UsageError('--record needs an incident: start one or pass --incident <id>');
  if (values.record === true && state?.status === 'resolved')
    throw new UsageError(`incident ${state.id} is resolved; a status update cannot be recorded in it`);

  const incidents = await import('../../incident/index.ts');
  const { renderIncidentTemplate } = await import('../../incident/incident-template.ts');
  const { templateVariables } = await import('../../lint/incident-variables.ts');
  const slotNames = new Set(template.slots.filter((slot) => slot.kind === 'variable').map((slot) => slot.name));
  // The incident's own values are not shadowed by the environment or defaults; only --var and --fill override them.
  const owned = new Set(state === undefined ? [] : templateVariables);
  const given: Record<string, string> = {};
  for (const name of slotNames) {
    if (owned.has(name)) continue;
    const declared = Object.hasOwn(runbook.meta.variables, name) ? runbook.meta.variables[name] : undefined;
    const value = context.env[name] ?? declared?.default;
    if (value !== undefined) given[name] = value;
  }
  if (state) {
    for (const [name, variable] of state.variables) if (!variable.secret && variable.value !== undefined && !owned.has(name)) given[name] = variable.value;
    Object.assign(given, incidentValues(state));
  }
  Object.assign(given, flags);
  const mask = [...slotNames].filter((name) => isSecretVariable(runbook.meta, name));
  const fill = (answers: Record<string, string>): RenderedTemplate =>
    renderIncidentTemplate(template, { ...(state === undefined ? {} : { state }), values: given, fills: answers, mask });
  // The review template gets the journal's parts (summary, timeline, figures, actions), as `incident review` writes it.
  const { findTemplateByName } = await import('../../template/index.ts');
  const review = findTemplateByName(runbook, 'post-incident-review', source);
  let rendered = fill(fills);
  if (state !== undefined && review.kind === 'found' && review.template === template) {
    const { postIncidentReview } = await import('../../incident/post-incident-review.ts');
    rendered = { ...rendered, text: postIncidentReview(state, { template: rendered.text }).text };
  } else if (context.interactive && values['no-prompt'] !== true && rendered.unfilled.length > 0) {
    rendered = fill(await askForSlots(context, rendered, fills));
  }

  if (values.record === true && state) {
    const who = incidents.currentUser(context.env);
    await incidents.recordEvent(state.id, { type: 'status-update', phase: state.phase, text: rendered.text }, { ...location, who });
    // Posted where the team reads it, when Slack is configured; a failed post is journaled, never fatal.
    await notifySlack(context, { location, id: state.id, who }, slackNotices.statusUpdate(rendered.text));
  }
  const unfilled = rendered.unfilled.map((slot) => ({ slot: slot.raw, ...filePosition(template, slot) }));
  const failed = values.strict === true && unfilled.length > 0;
  if (format === 'json') {
    context.stdout.write(
      `${JSON.stringify({ templateId: template.id, incident: state?.id ?? null, text: rendered.text, filled: rendered.filled.map((slot) => slot.raw), unfilled, recorded: values.record === true }, null, 2)}\n`,
    );
    return failed ? ExitCode.failed : ExitCode.ok;
  }
  context.stdout.write(rendered.text.endsWith('\n') ? rendered.text : `${rendered.text}\n`);
  if (unfilled.length > 0) {
    context.stderr.write(
      `runbook render: ${unfilled.length} slot${unfilled.length === 1 ? '' : 's'} left empty (fill with --fill "KEY=…" for [brackets], --var NAME=… for \${NAME}):\n`,
    );
    for (const entry of unfilled) context.stderr.write(`  ${runbook.path ?? file}:${entry.line}:${entry.column}  ${entry.slot}\n`);
  }
  if (values.record === true) context.stderr.write(`Recorded as a status update in ${state?.id}.\n`);
  return failed ? ExitCode.failed : ExitCode.ok;
}

async function listTemplates(context: CliContext, file: string, format: 'text' | 'json' | string): Promise<number> {
  const { runbook, source } = await loadRunbook(file, context.cwd);
  const { templateHeadings, templateCallName } = await import('../../template/index.ts');
  const headings = templateHeadings(runbook, source);
  if (format === 'json') {
    const list = headings.map((entry) => ({
      name: templateCallName(entry),
      heading: entry.heading,
      id: entry.template.id,
      line: entry.template.position.start.line,
      slots: [...new Set(entry.template.slots.map((slot) => slot.raw))],
    }));
    context.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return ExitCode.ok;
  }
  context.stdout.write(headings.length === 0 ? `No templates in ${runbook.path ?? file}.\n` : `${describeTemplates(headings)}\n`);
  return ExitCode.ok;
}

/** `--incident`, else the current incident, else the latest one started (resolved ones too): templates are for after as well. */
async function incidentToRender(context: CliContext, flag: string | undefined): Promise<{ location: CliIncidentLocation; state?: IncidentState }> {
  const { location, id } = await findIncident(context, flag);
  const { loadIncident, loadIncidents } = await import('../../incident/index.ts');
  if (id !== undefined) return { location, state: await loadIncident(id, location) };
  const latest = (await loadIncidents(location))
    .filter((state) => state.startedAt !== undefined)
    .sort((a, b) => Date.parse(b.startedAt!) - Date.parse(a.startedAt!) || b.id.localeCompare(a.id))[0];
  if (latest === undefined) return { location };
  context.stderr.write(`No current incident; using the latest, ${latest.id} (${latest.status}).\n`);
  return { location, state: latest };
}

/** Asks once per empty slot (by its label, else its text); an empty answer leaves it. */
async function askForSlots(context: CliContext, rendered: RenderedTemplate, fills: Record<string, string>): Promise<Record<string, string>> {
  const answers = { ...fills };
  const asked = new Set<string>();
  for (const slot of rendered.unfilled) {
    const key = slot.name;
    if (asked.has(key)) continue;
    asked.add(key);
    const answer = (await askLine(context, `${slot.raw}: `)).trim();
    if (answer !== '') answers[key] = answer;
  }
  return answers;
}

/** Where a slot of the rendered text sits in the runbook file: the model's slot with the same text nearest to it. */
function filePosition(template: Template, slot: TemplateSlot): { line: number; column: number } {
  const base = template.codePosition.start.offset;
  const candidates = template.slots.filter((candidate) => candidate.raw === slot.raw);
  const nearest = candidates.sort(
    (a, b) => Math.abs(a.position.start.offset - base - slot.position.start.offset) - Math.abs(b.position.start.offset - base - slot.position.start.offset),
  )[0];
  const point = nearest?.position.start ?? { line: template.codePosition.start.line + slot.position.start.line - 1, column: slot.position.start.column };
  return { line: point.line, column: point.column };
}
