import type { Template, TemplateSlot } from '../../model.ts';
import { ExitCode, UsageError, type CliCommand, type CliContext } from '../command.ts';
import { findTemplate } from '../find-template.ts';
import { parseFormatFlag } from '../format-flag.ts';
import { findIncident, incidentValues } from '../incident-context.ts';
import { loadRunbook } from '../load-runbook.ts';
import { parseFlags } from '../parse-flags.ts';
import { isSecretVariable } from '../secret-variables.ts';
import { withUsageErrors } from '../usage-errors.ts';
import { parseVarFlags } from '../var-flags.ts';

const help = `Usage: runbook render <file> <template> [options]

Fills a template of a runbook (the status update, a customer message) and
prints it. <template> is its id (see 'runbook list'), name, or section
(slug or title); 'status-update' finds the status-update template.

Values, lowest precedence first: the runbook's declared defaults, the
environment, values steps of the incident exported, the incident's own
(INCIDENT_ID, SEVERITY, STATUS, START_TIME, DURATION, NEXT_UPDATE, …, and
bracket choices such as [Investigating/Mitigating/Resolved]), then --var.
Secret variables are masked. Slots left unfilled are listed on stderr with
their line and column.

Options:
  --var NAME=value      a value; repeatable
  --incident <id>       this incident instead of the current one
  --record              record the text as a status update in the incident's
                        journal (resets the next-update clock)
  --format text|json    output format (default: text)
  -h, --help            show this help

Exit codes: 0 rendered (even with unfilled slots), 2 bad usage or input.
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
    incident: { type: 'string' },
    record: { type: 'boolean' },
    format: { type: 'string' },
  });
  const format = parseFormatFlag(values.format);
  const [file, wanted, ...extra] = positionals;
  if (file === undefined || wanted === undefined) throw new UsageError('usage: runbook render <file> <template>');
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const flags = parseVarFlags(values.var);
  const { runbook } = await loadRunbook(file, context.cwd);
  const template = await findTemplate(runbook, wanted);
  const target = await findIncident(context, values.incident);
  if (values.record === true && target.id === undefined) throw new UsageError('--record needs an incident: start one or pass --incident <id>');

  const incidents = await import('../../incident/index.ts');
  const { templateVariables } = await import('../../lint/incident-variables.ts');
  const state = target.id === undefined ? undefined : await incidents.loadIncident(target.id, { workspace: target.workspace });
  if (values.record === true && state?.status === 'resolved')
    throw new UsageError(`incident ${state.id} is resolved; a status update cannot be recorded in it`);
  const slotNames = new Set(template.slots.filter((slot) => slot.kind === 'variable').map((slot) => slot.name));
  // The incident's own values are not shadowed by the environment or defaults; only --var overrides them.
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
  const rendered = state
    ? incidents.renderStatusUpdate(state, template, { values: given, mask })
    : (await import('../../template/index.ts')).renderTemplate(template.text, given, { mask });

  if (values.record === true && state) {
    await incidents.recordEvent(
      state.id,
      { type: 'status-update', phase: state.phase, text: rendered.text },
      {
        workspace: target.workspace,
        who: incidents.currentUser(context.env),
      },
    );
  }
  const unfilled = rendered.unfilled.map((slot) => ({ slot: slot.raw, ...filePosition(template, slot) }));
  if (format === 'json') {
    context.stdout.write(
      `${JSON.stringify({ templateId: template.id, incident: state?.id ?? null, text: rendered.text, filled: rendered.filled.map((slot) => slot.raw), unfilled, recorded: values.record === true }, null, 2)}\n`,
    );
    return ExitCode.ok;
  }
  context.stdout.write(rendered.text.endsWith('\n') ? rendered.text : `${rendered.text}\n`);
  if (unfilled.length > 0) {
    context.stderr.write(`runbook render: ${unfilled.length} slot${unfilled.length === 1 ? '' : 's'} left unfilled (pass --var NAME=… for \${NAME}):\n`);
    for (const entry of unfilled) context.stderr.write(`  ${runbook.path ?? file}:${entry.line}:${entry.column}  ${entry.slot}\n`);
  }
  if (values.record === true) context.stderr.write(`Recorded as a status update in ${state?.id}.\n`);
  return ExitCode.ok;
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
