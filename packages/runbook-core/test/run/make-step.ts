import type { Position, Risk, ShellCommand, Step, StepOptions } from '../../src/model.ts';

export interface CommandSpec {
  text: string;
  heading?: string;
  risk?: Risk;
  riskReason?: string;
  programs?: string[];
}

export interface StepSpec {
  code: string;
  lang?: string;
  name?: string;
  options?: StepOptions;
  attributes?: Record<string, string>;
  /** Default: one command per line that is not blank or a comment, headed by the comment lines right above. */
  commands?: CommandSpec[];
  reads?: string[];
  writes?: string[];
  risk?: Risk;
}

const nowhere: Position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const riskOrder: Risk[] = ['read', 'mutate', 'destroy'];

/** A `Step` as the parser would give it, for tests that must not depend on the parser. */
export function makeStep(spec: StepSpec): Step {
  const lang = spec.lang ?? 'bash';
  const isShell = ['bash', 'sh', 'zsh', 'shell'].includes(lang);
  const commands = (spec.commands ?? (isShell ? commandsByLine(spec.code) : [])).map(
    (command, index): ShellCommand => ({
      index,
      text: command.text,
      position: nowhere,
      ...(command.heading !== undefined && { heading: command.heading }),
      risk: command.risk ?? 'read',
      ...(command.riskReason !== undefined && { riskReason: command.riskReason }),
      programs: command.programs ?? [command.text.trim().split(/\s+/)[0] ?? ''],
    }),
  );
  const risk = spec.risk ?? commands.reduce<Risk>((worst, c) => (riskOrder.indexOf(c.risk) > riskOrder.indexOf(worst) ? c.risk : worst), 'read');
  return {
    id: `step-${spec.name ?? 'test'}`,
    index: 0,
    ...(spec.name !== undefined && { name: spec.name }),
    lang,
    attributes: spec.attributes ?? {},
    options: spec.options ?? {},
    code: spec.code,
    position: nowhere,
    codePosition: nowhere,
    isShell,
    commands,
    reads: spec.reads ?? [],
    writes: spec.writes ?? [],
    exports: [],
    risk,
  };
}

function commandsByLine(code: string): CommandSpec[] {
  const commands: CommandSpec[] = [];
  let heading: string[] = [];
  for (const line of code.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') heading = [];
    else if (trimmed.startsWith('#')) heading.push(trimmed.replace(/^#+\s*/, ''));
    else {
      commands.push({ text: line, ...(heading.length > 0 && { heading: heading.join('\n') }) });
      heading = [];
    }
  }
  return commands;
}
