import type { Step } from '../../model.ts';
import { commandIndex, commandNumber, commandNumberRange } from '../../run/command-number.ts';
import type { CommandSelector } from '../../run/index.ts';
import { selectCommands } from '../../run/select-commands.ts';
import { UsageError } from '../command.ts';

const numbers = /^\s*\d+(?:\s*-\s*\d+)?(?:\s*,\s*\d+(?:\s*-\s*\d+)?)*\s*$/;

/**
 * `--command` values as `runStep` selectors. A number is the command of that
 * number, as `list`, `plan` and errors show it (from 1); `2-4` and `1,3` are
 * ranges and lists of them; `all` is every command. A heading is chosen only
 * in an explicit form: `#5` (the heading numbered 5), `#Rollback` or
 * `--heading` (which arrives here as `#…`); plain text that is no number also
 * names a heading. A bare number never means a heading.
 */
export function commandSelectors(step: Step, flags: readonly string[]): CommandSelector[] {
  return flags.flatMap((flag): CommandSelector[] => {
    const value = flag.trim();
    if (value.toLowerCase() === 'all') return step.commands.map((command) => command.index);
    if (numbers.test(value)) return numberedCommands(step, flag, value);
    const heading = value.startsWith('#') ? value.slice(1).trim() : value;
    if (heading === '') throw new UsageError(`--command '${flag}' names no heading; write --heading <text|number> or --command '#5'`);
    if (!headingMatches(step, flag, heading)) {
      throw new UsageError(`--command '${flag}' matches no heading and no command of step '${step.name ?? step.id}'. Its commands:\n${listCommands(step)}`);
    }
    return [heading];
  });
}

function numberedCommands(step: Step, flag: string, value: string): CommandSelector[] {
  const count = step.commands.length;
  const chosen: number[] = [];
  for (const part of value.split(',')) {
    const [from = 0, to = from] = part.split('-').map((bound) => Number(bound.trim()));
    if (from > to) throw new UsageError(`--command '${flag}': the range ${from}-${to} runs backwards; write ${to}-${from}`);
    if (from < 1 || to > count) {
      throw new UsageError(
        `--command '${flag}': step '${step.name ?? step.id}' has no command ${from < 1 ? from : to} (valid: ${commandNumberRange(count)}; a heading is --heading <text|number> or --command '#5'). Its commands:\n${listCommands(step)}`,
      );
    }
    for (let number = from; number <= to; number++) chosen.push(commandIndex(number));
  }
  return [...new Set(chosen)];
}

function headingMatches(step: Step, flag: string, heading: string): boolean {
  try {
    selectCommands(step, [heading]);
    return true;
  } catch (error) {
    if (error instanceof RangeError && /matches \d+ headings/.test(error.message)) {
      throw new UsageError(`--command '${flag}' matches several headings of step '${step.name ?? step.id}'. Its commands:\n${listCommands(step)}`);
    }
    return false;
  }
}

/** Every command with its number, as the errors of `--command` list them. */
export function listCommands(step: Step): string {
  if (step.commands.length === 0) return '  (none)';
  return step.commands
    .map((command) => {
      const heading = command.heading ? `# ${command.heading.replace(/\s*\n\s*/g, ' / ')}: ` : '';
      const text = command.text.replace(/\s*\n\s*/g, ' ').trim();
      return `  ${commandNumber(command.index)}. ${heading}${text.length > 70 ? `${text.slice(0, 69)}…` : text}`;
    })
    .join('\n');
}
