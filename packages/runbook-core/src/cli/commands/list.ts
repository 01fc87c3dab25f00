import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Runbook, Step } from '../../model.ts';
import { commandNumber } from '../../run/command-number.ts';
import { ExitCode, UsageError, type CliCommand, type CliContext } from '../command.ts';
import { findRunbookFiles } from '../find-runbook-files.ts';
import { loadParser } from '../load-parser.ts';
import { parseFlags } from '../parse-flags.ts';
import { paint } from '../paint.ts';
import { printable } from '../../text/printable.ts';

const help = `Usage: runbook list [paths…] [--format text|json]

Shows what a runbook holds: sections, steps with their commands and risk,
checklists, templates and declared variables. Each command has the number
'runbook run --command' and 'runbook plan --command' take. Directories are walked for
.md and .markdown files; with no path, the current directory.

Options:
  --format text|json  output format (default: text)
  -h, --help          show this help
`;

const list: CliCommand = {
  name: 'list',
  help,
  async run(context) {
    const { values, positionals } = parseFlags(context.argv, { format: { type: 'string', default: 'text' } });
    if (values.format !== 'text' && values.format !== 'json') {
      throw new UsageError(`--format must be text or json, not '${values.format}'`);
    }
    const files = await findRunbookFiles(positionals.length > 0 ? positionals : ['.'], context.cwd);
    if (files.length === 0) {
      throw new UsageError(`no Markdown files found in ${positionals.join(', ') || 'the current directory'}`);
    }
    // The parser and its shell grammar only: the whole library (lint, Kubernetes, runner) would double the load.
    const [parseRunbook, sources] = await Promise.all([loadParser(), Promise.all(files.map((file) => readFile(file, 'utf8')))]);
    const runbooks = files.map((file, index) => parseRunbook(sources[index] ?? '', { path: relative(context.cwd, file) || file }));
    if (values.format === 'json') {
      context.stdout.write(`${JSON.stringify(runbooks.map(summarize), null, 2)}\n`);
    } else {
      context.stdout.write(runbooks.map((runbook) => describe(runbook, context)).join('\n'));
    }
    return ExitCode.ok;
  },
};

export default list;

function summarize(runbook: Runbook) {
  return {
    path: runbook.path,
    title: runbook.meta.title ?? runbook.sections[0]?.title,
    variables: runbook.meta.variables,
    sections: runbook.sections.map(({ slug, title, depth }) => ({ slug, title, depth })),
    steps: runbook.steps.map((step) => ({
      id: step.id,
      name: step.name,
      lang: step.lang,
      line: step.position.start.line,
      risk: step.risk,
      reads: step.reads,
      exports: step.exports,
      commands: step.commands.map(({ index, text, heading, risk, riskReason }) => ({ number: commandNumber(index), text, heading, risk, riskReason })),
    })),
    checklistItems: runbook.checklistItems.map(({ id, text, checked }) => ({ id, text, checked })),
    templates: runbook.templates.map(({ id, slots }) => ({ id, slots: slots.map((slot) => slot.raw) })),
    messages: runbook.messages,
  };
}

function describe(runbook: Runbook, { color }: CliContext): string {
  const c = paint(color);
  const title = runbook.meta.title ?? runbook.sections[0]?.title ?? '(untitled)';
  const done = runbook.checklistItems.filter((item) => item.checked).length;
  const variables = Object.values(runbook.meta.variables).map((v) => (v.secret ? `${v.name} (secret)` : v.name));
  const lines = [
    `${c.bold(printable(runbook.path ?? ''))}  ${printable(title)}`,
    `  ${runbook.sections.length} sections · ${runbook.steps.length} steps · ` +
      `checklist ${done}/${runbook.checklistItems.length} · ${runbook.templates.length} templates`,
  ];
  if (variables.length > 0) lines.push(`  variables: ${variables.join(', ')}`);
  for (const step of runbook.steps) lines.push(...describeStep(step, c));
  if (runbook.checklistItems.length > 0) {
    lines.push('  checklist:');
    for (const item of runbook.checklistItems) {
      lines.push(`    ${'  '.repeat(item.depth)}[${item.checked ? 'x' : ' '}] ${printable(item.text)}`);
    }
  }
  for (const template of runbook.templates) {
    lines.push(`  template ${template.id}: ${printable(template.slots.map((slot) => slot.raw).join(' ')) || '(no slots)'}`);
  }
  for (const message of runbook.messages) {
    lines.push(
      `  ${c.dim(`${message.position.start.line}:${message.position.start.column}`)} ${message.severity} ${printable(message.reason)} ${c.dim(message.ruleId)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function describeStep(step: Step, c: ReturnType<typeof paint>): string[] {
  const label = printable(step.name ?? step.id);
  const lines = [`  ${c.risk(step.risk, step.risk.padEnd(7))} ${c.bold(label)} ${c.dim(`${step.lang || 'text'} · line ${step.position.start.line}`)}`];
  const width = String(step.commands.length).length;
  for (const command of step.commands) {
    const heading = command.heading ? c.dim(`# ${printable(command.heading.replace(/\s*\n\s*/g, ' / '))}  `) : '';
    const number = `[${commandNumber(command.index)}]`.padStart(width + 2);
    lines.push(`    ${number} ${c.risk(command.risk, command.risk.padEnd(7))} ${heading}${firstLine(command.text)}`);
  }
  if (step.reads.length > 0) lines.push(`    ${c.dim(`reads ${step.reads.join(', ')}`)}`);
  return lines;
}

function firstLine(text: string): string {
  const [first = '', ...rest] = text.split('\n');
  const shown = printable(first);
  const line = shown.length > 100 ? `${shown.slice(0, 99)}…` : shown;
  return rest.length > 0 ? `${line} …` : line;
}
