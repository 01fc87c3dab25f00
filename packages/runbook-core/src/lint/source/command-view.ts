import type { ShellCommand, Step } from '../../model.ts';
import { analyzeShell } from '../../shell/index.ts';
import { walkSyntaxTree, type SyntaxNode } from '../../shell/syntax-node.ts';
import { CodeLocator } from './code-locator.ts';
import type { LineIndex } from './line-index.ts';
import { onlyPromptedCommands, promptPrefix, proseRuns } from './prose-lines.ts';
import { parseShell } from '../../shell/parse-shell.ts';
import { shellSyntax } from './shell-syntax.ts';
import { shellPlaceholders } from './shell-placeholders.ts';

/** A shell step's commands and variables as the rules should judge them. */
export interface CommandView {
  /** The code analysed (see `analysableCode`); offsets match the step's code. */
  code: string;
  root: SyntaxNode | undefined;
  commands: ShellCommand[];
  reads: string[];
  writes: string[];
  exports: string[];
  /** The code does not parse as shell: variable and command analysis is unreliable. */
  hasSyntaxErrors: boolean;
}

const views = new WeakMap<Step, CommandView>();

/**
 * What a step runs, for the rules that judge commands. Prompts and
 * placeholders are reported once, by `prose-in-shell` and
 * `unfilled-placeholder`; the other rules judge the commands behind them.
 */
export function commandView(step: Step, lines: LineIndex): CommandView {
  let view = views.get(step);
  if (view) return view;
  const raw = shellSyntax(step);
  const code = raw ? analysableCode(step, raw) : step.code;
  if (raw && code !== step.code) {
    const analysis = analyzeShell(code);
    const locator = new CodeLocator(step, lines);
    view = {
      code,
      root: parseShell(code),
      commands: analysis.commands.map((command) => {
        const converted: ShellCommand = {
          index: command.index,
          text: step.code.slice(command.start, command.end),
          position: locator.position(command.start, command.end),
          risk: command.risk,
          programs: command.programs,
        };
        if (command.heading !== undefined) converted.heading = command.heading;
        if (command.riskReason !== undefined) converted.riskReason = command.riskReason;
        return converted;
      }),
      reads: analysis.reads,
      writes: analysis.writes,
      exports: analysis.exports,
      hasSyntaxErrors: analysis.syntaxErrors.length > 0,
    };
  } else {
    view = {
      code: step.code,
      root: raw,
      commands: step.commands,
      reads: step.reads,
      writes: step.writes,
      exports: step.exports,
      hasSyntaxErrors: raw ? hasErrors(raw) : false,
    };
  }
  views.set(step, view);
  return view;
}

/**
 * The code as it will run once a person has fixed it: `$ ` prompts blanked
 * when every command has one, prose lines blanked, `<placeholders>` turned into plain
 * words of the same length (the shell would read them as redirections that
 * swallow the next line). Offsets are unchanged.
 */
function analysableCode(step: Step, raw: SyntaxNode): string {
  let code = step.code;
  const runs = proseRuns(step, raw);
  const prompts = runs.filter((run) => run.kind === 'prompt');
  if (prompts.length === runs.length && prompts.length > 0 && onlyPromptedCommands(step, raw)) code = blankPrompts(code, prompts);
  else if (prompts.length === 0 && runs.length > 0) code = blankLines(code, runs);
  const placeholders = shellPlaceholders(step, raw);
  if (placeholders.length === 0) return code;
  let filled = '';
  let cursor = 0;
  for (const slot of placeholders) {
    filled += code.slice(cursor, slot.start) + code.slice(slot.start, slot.end).replace(/[^A-Za-z0-9]/g, '_');
    cursor = slot.end;
  }
  return filled + code.slice(cursor);
}

function blankPrompts(code: string, runs: ReturnType<typeof proseRuns>): string {
  const lines = code.split('\n');
  for (const run of runs) {
    for (let line = run.firstLine; line <= run.lastLine; line++) {
      const text = lines[line]!;
      const indent = text.length - text.trimStart().length;
      const prompt = promptPrefix.exec(text.slice(indent));
      if (prompt) lines[line] = text.slice(0, indent) + ' '.repeat(prompt[0].length) + text.slice(indent + prompt[0].length);
    }
  }
  return lines.join('\n');
}

/** Prose lines become blank lines of the same length. */
function blankLines(code: string, runs: ReturnType<typeof proseRuns>): string {
  const lines = code.split('\n');
  for (const run of runs) {
    for (let line = run.firstLine; line <= run.lastLine; line++) lines[line] = lines[line]!.replace(/[^\r]/g, ' ');
  }
  return lines.join('\n');
}

function hasErrors(root: SyntaxNode): boolean {
  let found = false;
  walkSyntaxTree(root, (node) => {
    if (found) return false;
    if (node.type === 'ERROR' || node.missing) found = true;
    return !found;
  });
  return found;
}
