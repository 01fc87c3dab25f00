import type { Step } from '../../model.ts';
import type { CommandSelector } from '../../run/index.ts';
import { selectCommands } from '../../run/select-commands.ts';
import { UsageError } from '../command.ts';

/**
 * `--command` values as `runStep` selectors. A value names a heading (`5`,
 * `5.`, `Rollback Deployment`, `5. Rollback Deployment`: every command under
 * it); a number that is no heading's is the n-th command, counted from 1 as
 * people count them.
 */
export function commandSelectors(step: Step, flags: readonly string[]): CommandSelector[] {
  return flags.map((flag) => {
    if (matches(step, flag)) return flag;
    const number = /^\d+$/.test(flag.trim()) ? Number(flag) : undefined;
    if (number !== undefined && number >= 1 && number <= step.commands.length) return number - 1;
    throw new UsageError(`--command '${flag}' matches no heading and no command of step '${step.name ?? step.id}'. Its commands:\n${listCommands(step)}`);
  });
}

function matches(step: Step, heading: string): boolean {
  try {
    selectCommands(step, [heading]);
    return true;
  } catch (error) {
    if (error instanceof RangeError && /matches \d+ headings/.test(error.message)) {
      throw new UsageError(`--command '${heading}' matches several headings of step '${step.name ?? step.id}'. Its commands:\n${listCommands(step)}`);
    }
    return false;
  }
}

function listCommands(step: Step): string {
  if (step.commands.length === 0) return '  (none)';
  return step.commands
    .map((command) => {
      const heading = command.heading ? `# ${command.heading.replace(/\s*\n\s*/g, ' / ')}: ` : '';
      const text = command.text.replace(/\s*\n\s*/g, ' ').trim();
      return `  ${command.index + 1}. ${heading}${text.length > 70 ? `${text.slice(0, 69)}…` : text}`;
    })
    .join('\n');
}
