import { readFile, writeFile } from 'node:fs/promises';
import { ExitCode, UsageError, type CliCommand, type CliContext } from '../command.ts';
import { findChecklistItem } from '../checklist-item-match.ts';
import { parseFormatFlag } from '../format-flag.ts';
import { findIncident } from '../incident-context.ts';
import { loadRunbook } from '../load-runbook.ts';
import { parseFlags } from '../parse-flags.ts';
import { printable } from '../../text/printable.ts';
import { withUsageErrors } from '../usage-errors.ts';

const help = `Usage: runbook check <file> <item> [options]
       runbook check <file> --list [--incident <id>]

Ticks a checklist item of a runbook for the current incident: the journal
records who ticked it and when; the file is left alone unless --write.

<item> is the item's id (see 'runbook list'), its text, or words found in
exactly one item's text. Several matches: exit 2, listing them.

Options:
  --list                every item with its state in the incident ([x]
                        ticked, [ ] not; who and when), or in the file when
                        there is no incident
  --uncheck             untick instead
  --write               also set the box in the file ([ ] ↔ [x]; only that
                        character changes); works without an incident too
  --incident <id>       record in this incident instead of the current one
  --format text|json    output format (default: text)
  -h, --help            show this help

Exit codes: 0 ok, 2 bad usage or input (no such item, ambiguous text, no
incident and no --write).
`;

const check: CliCommand = {
  name: 'check',
  help,
  run: (context) => withUsageErrors(() => checkItem(context)),
};

export default check;

async function checkItem(context: CliContext): Promise<number> {
  const { values, positionals } = parseFlags(context.argv, {
    list: { type: 'boolean' },
    uncheck: { type: 'boolean' },
    write: { type: 'boolean' },
    incident: { type: 'string' },
    format: { type: 'string' },
  });
  const format = parseFormatFlag(values.format);
  const [file, wanted, ...extra] = positionals;
  if (values.list === true) {
    if (file === undefined) throw new UsageError('usage: runbook check <file> --list');
    if (wanted !== undefined) throw new UsageError(`--list takes no item (got '${wanted}')`);
    return listItems(context, file, values.incident, format);
  }
  if (file === undefined || wanted === undefined) throw new UsageError('usage: runbook check <file> <item>');
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' (quote an item's text: "Acknowledge the alert")`);
  const checked = values.uncheck !== true;
  const loaded = await loadRunbook(file, context.cwd);
  const item = findChecklistItem(loaded.runbook, wanted);
  const target = await findIncident(context, values.incident);
  if (target.id === undefined && values.write !== true) {
    throw new UsageError(
      `no current incident to tick '${printable(item.text)}' in: start one with 'runbook incident start', pass --incident <id>, or --write to tick the file only`,
    );
  }
  const { currentUser, loadIncident, recordEvent } = await import('../../incident/index.ts');
  let recorded = false;
  if (target.id !== undefined) {
    const state = await loadIncident(target.id, target.location);
    if (state.status === 'resolved') throw new UsageError(`incident ${state.id} is resolved; its checklist is closed`);
    if ((state.checklist.get(item.id)?.checked ?? false) !== checked) {
      await recordEvent(
        target.id,
        { type: checked ? 'checklist-ticked' : 'checklist-unticked', itemId: item.id, text: item.text },
        { ...target.location, who: currentUser(context.env) },
      );
      recorded = true;
    }
  }
  let written = false;
  if (values.write === true) {
    // Read again: the box must be where the parse saw it, in the bytes on disk now.
    const source = await readFile(loaded.file, 'utf8');
    if (source !== loaded.source) throw new UsageError(`${file} changed while it was read; run the command again`);
    // setChecked's edit, from the model already parsed: only the box character changes.
    const { applyTextEdits, checkedEdits } = await import('../../edit/index.ts');
    const edits = checkedEdits(source, item.id, checked, loaded.runbook);
    if (edits.length > 0) {
      await writeFile(loaded.file, applyTextEdits(source, edits));
      written = true;
    }
  }
  if (format === 'json') {
    context.stdout.write(`${JSON.stringify({ itemId: item.id, text: item.text, checked, incident: target.id ?? null, recorded, written }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const verb = checked ? 'Ticked' : 'Unticked';
  const where = [
    recorded ? `in ${target.id}` : target.id === undefined ? '' : `(already ${checked ? 'ticked' : 'unticked'} in ${target.id})`,
    written ? `and in ${file}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  context.stdout.write(`${recorded || written ? verb : 'Unchanged:'} [${checked ? 'x' : ' '}] ${printable(item.text)} ${where}\n`.replace(/ +\n$/, '\n'));
  return ExitCode.ok;
}

/** Every item's real state: the incident's journal when there is one (latest, --incident, or current), else the file's boxes. */
async function listItems(context: CliContext, file: string, flag: string | undefined, format: 'text' | 'json'): Promise<number> {
  const loaded = await loadRunbook(file, context.cwd);
  const target = await findIncident(context, flag);
  const { loadIncident } = await import('../../incident/index.ts');
  const state = target.id === undefined ? undefined : await loadIncident(target.id, target.location);
  const rows = loaded.runbook.checklistItems.map((item) => {
    const recorded = state?.checklist.get(item.id);
    const checked = state === undefined ? item.checked : (recorded?.checked ?? false);
    return {
      id: item.id,
      text: item.text,
      line: item.position.start.line,
      checked,
      inFile: item.checked,
      ...(recorded ? { who: recorded.who, time: recorded.time } : {}),
    };
  });
  if (format === 'json') {
    context.stdout.write(`${JSON.stringify({ incident: state?.id ?? null, items: rows }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const source = state === undefined ? `${file} (no incident: the boxes in the file)` : `${state.id}${state.status === 'open' ? '' : ` (${state.status})`}`;
  const lines = [`Checklist of ${file} in ${source}: ${rows.filter((row) => row.checked).length} of ${rows.length} ticked`];
  for (const row of rows) {
    const by = 'who' in row && row.checked ? `  — ${printable(String(row.who))} ${String(row.time).slice(11, 16)} UTC` : '';
    lines.push(`  [${row.checked ? 'x' : ' '}] ${printable(row.text)}  (${row.id}, line ${row.line})${by}`);
  }
  if (rows.length === 0) lines.push('  (the runbook has no checklist)');
  context.stdout.write(`${lines.join('\n')}\n`);
  return ExitCode.ok;
}
