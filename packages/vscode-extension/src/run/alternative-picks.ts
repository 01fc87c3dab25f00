import type { Step, StepAlternative } from 'runbook-core';

/** One line of the quick pick, with what choosing it means. */
export interface AlternativePick {
  label: string;
  description: string;
  detail: string;
  /** Position in the alternatives, or `'all'`. */
  choice: number | 'all';
}

/**
 * The quick pick for a block of alternatives run whole: one item per
 * alternative (its command numbers as `--command` takes them, its heading,
 * its risk and its commands), then an explicit "Run all N risky commands".
 */
export function alternativePicks(
  request: { step: Pick<Step, 'commands'>; alternatives: readonly StepAlternative[]; riskyCommands: number },
  /** Core's numbering: `commandNumber` (the one conversion from a command's index) and `commandNumberList`. */
  numbering: { commandNumber: (index: number) => number; commandNumberList: (numbers: readonly number[]) => string },
): AlternativePick[] {
  const picks: AlternativePick[] = request.alternatives.map((alternative, position) => ({
    label: `${alternative.commands.length === 1 ? 'Command' : 'Commands'} ${numbering.commandNumberList(alternative.commands)}: ${oneLine(alternative.label)}`,
    description: alternative.risk,
    detail: alternative.commands
      .map((number) => request.step.commands.find((command) => numbering.commandNumber(command.index) === number)?.text ?? '')
      .map((text) => shorten(oneLine(text), 70))
      .join(' ; '),
    choice: position,
  }));
  picks.push({
    label: `Run all ${request.riskyCommands} risky commands`,
    description: 'every alternative, one after another',
    detail: `${request.alternatives.length} alternatives: ${request.alternatives.map((alternative) => numbering.commandNumberList(alternative.commands)).join(', ')}`,
    choice: 'all',
  });
  return picks;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function shorten(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
