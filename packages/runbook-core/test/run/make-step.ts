import type { Position, Risk, ShellCommand, Step, StepOptions } from '../../src/model.ts';

export interface CommandSpec {
  text: string;
  /** 1-based line in the code; default: the line after the previous command. */
  line?: number;
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
  /**
   * Default: one command per line that is not blank or a comment, headed like
   * the parser does: by the comment lines right above, or else by the heading
   * of the command on the line right above.
   */
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
  let nextLine = 1;
  const lineOf = (command: CommandSpec): number => {
    const line = command.line ?? nextLine;
    nextLine = line + command.text.split('\n').length;
    return line;
  };
  const commands = (spec.commands ?? (isShell ? commandsByLine(spec.code) : [])).map(
    (command, index): ShellCommand => ({
      index,
      text: command.text,
      position: linePosition(lineOf(command), command.text),
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

/** Columns and offsets are not needed by the runner; lines are (heading groups). */
function linePosition(line: number, text: string): Position {
  const end = line + text.split('\n').length - 1;
  return { start: { line, column: 1, offset: 0 }, end: { line: end, column: 1, offset: 0 } };
}

function commandsByLine(code: string): CommandSpec[] {
  const commands: CommandSpec[] = [];
  let comments: string[] = [];
  let inherited: string | undefined;
  for (const [index, line] of code.split('\n').entries()) {
    const trimmed = line.trim();
    if (trimmed === '') {
      comments = [];
      inherited = undefined;
    } else if (trimmed.startsWith('#')) comments.push(trimmed.replace(/^#+\s*/, ''));
    else {
      const heading = comments.length > 0 ? comments.join('\n') : inherited;
      commands.push({ text: line, line: index + 1, ...(heading !== undefined && { heading }) });
      comments = [];
      inherited = heading;
    }
  }
  return commands;
}
