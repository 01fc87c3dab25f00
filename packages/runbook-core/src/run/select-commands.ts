import type { ShellCommand, Step } from '../model.ts';
import { commandNumber, commandNumberRange } from './command-number.ts';
import type { CommandSelector } from './run-step-options.ts';

/**
 * The commands `selectors` choose, in block order (see `RunStepOptions.commands`).
 * Throws a `RangeError` naming the bad selector and listing the step's commands.
 */
export function selectCommands(step: Step, selectors: readonly CommandSelector[]): ShellCommand[] {
  if (!Array.isArray(selectors)) {
    throw new TypeError(`option 'commands' must be an array of indices or headings, got ${describe(selectors)}`);
  }
  const groups = headingGroups(step.commands);
  const chosen = new Set<number>();
  for (const selector of selectors) {
    if (typeof selector === 'number') {
      if (!step.commands.some((command) => command.index === selector)) {
        throw unknown(step, selector, `no command has this 0-based index (valid command numbers: ${commandNumberRange(step.commands.length)})`);
      }
      chosen.add(selector);
      continue;
    }
    if (typeof selector !== 'string') {
      throw new TypeError(`option 'commands' holds ${describe(selector)}; use a 0-based index (number) or a heading (string)`);
    }
    const matches = groups.filter((group) => headingMatches(group.heading, selector));
    if (matches.length === 0) throw unknown(step, selector, 'no heading matches it');
    if (matches.length > 1) throw unknown(step, selector, `it matches ${matches.length} headings`);
    for (const command of matches[0]?.commands ?? []) chosen.add(command.index);
  }
  return step.commands.filter((command) => chosen.has(command.index));
}

interface HeadingGroup {
  heading: string;
  commands: ShellCommand[];
}

/**
 * Runs of consecutive commands under the same heading: one alternative of a
 * block (the parser gives a comment's heading to the lines right below it,
 * up to a blank line). Commands without a heading belong to no group.
 */
export function headingGroups(commands: readonly ShellCommand[]): HeadingGroup[] {
  const groups: HeadingGroup[] = [];
  let previous: ShellCommand | undefined;
  for (const command of commands) {
    const heading = command.heading?.trim() ? command.heading : undefined;
    const last = groups[groups.length - 1];
    if (heading !== undefined && last && previous?.heading === heading && adjacent(previous, command)) last.commands.push(command);
    else if (heading !== undefined) groups.push({ heading, commands: [command] });
    previous = command;
  }
  return groups;
}

/** No blank line or comment between them: the parser shares a heading only then. */
function adjacent(previous: ShellCommand, command: ShellCommand): boolean {
  return command.position.start.line - previous.position.end.line <= 1;
}

const numberedHeading = /^(\d+)[.):]?\s+(.*)$/s;

function headingMatches(heading: string, selector: string): boolean {
  const wanted = normalize(selector);
  if (wanted === '') return false;
  return heading
    .split('\n')
    .concat(heading)
    .some((line) => {
      const text = normalize(line);
      const numbered = numberedHeading.exec(text);
      if (text === wanted) return true;
      if (!numbered) return false;
      return numbered[2] === wanted || numbered[1] === wanted.replace(/[.):]$/, '');
    });
}

function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function unknown(step: Step, selector: CommandSelector, why: string): RangeError {
  const available = step.commands.length
    ? step.commands
        .map(
          (command) =>
            `  ${commandNumber(command.index)}. (index ${command.index})${command.heading ? ` "${oneLine(command.heading)}"` : ''}: ${oneLine(command.text).slice(0, 60)}`,
        )
        .join('\n')
    : '  (none: the step has no commands)';
  return new RangeError(`option 'commands' has ${describe(selector)}, but ${why} in step "${step.name ?? step.id}". Its commands:\n${available}`);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : typeof value === 'number' ? String(value) : typeof value;
}
