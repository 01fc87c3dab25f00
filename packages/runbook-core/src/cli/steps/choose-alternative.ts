import type { Step } from '../../model.ts';
import type { StepAlternative } from '../../run/alternatives.ts';
import type { paint } from '../paint.ts';
import { commandNumberList as numberList } from '../../run/command-number.ts';
import { riskColumn, type ConfirmationTerminal } from './describe-step.ts';
import { stepLabel } from './select-steps.ts';

type Paint = ReturnType<typeof paint>;

/**
 * The question before a block of alternatives runs whole, on the terminal:
 * each alternative under the command numbers `--command` takes (the answer
 * is one of them), and `all`, which says how many risky commands it runs.
 * Returns the chosen alternative's position in `alternatives`, `'all'`, or
 * undefined when the answer is empty or unknown: nothing runs.
 */
export async function chooseAlternativeOnTerminal(
  terminal: ConfirmationTerminal,
  request: { step: Step; alternatives: readonly StepAlternative[]; riskyCommands: number },
  c: Paint,
): Promise<number | 'all' | undefined> {
  terminal.write(`\n${renderAlternatives(request, c)}\n`);
  const answer = (await terminal.ask(`Which one? [${numberList(request.alternatives.flatMap((alternative) => alternative.commands))}, all; Enter = none] `))
    .trim()
    .toLowerCase();
  return alternativeAnswer(answer, request.alternatives);
}

/** The menu: one line per alternative, then `all`. */
export function renderAlternatives(request: { step: Step; alternatives: readonly StepAlternative[]; riskyCommands: number }, c: Paint): string {
  const { step, alternatives, riskyCommands } = request;
  const lines = [c.bold(`Step '${stepLabel(step)}' offers ${alternatives.length} alternatives; run one:`)];
  const width = Math.max(...alternatives.map((alternative) => numberList(alternative.commands).length));
  for (const alternative of alternatives) {
    lines.push(`  ${numberList(alternative.commands).padStart(width)}  ${riskColumn(alternative.risk, c)} ${alternative.label.replace(/\s*\n\s*/g, ' / ')}`);
  }
  lines.push(`  ${'all'.padStart(width)}  ${c.red(`every alternative, in order: ${riskyCommands} commands that change things`)}`);
  return lines.join('\n');
}

/** A typed answer as a choice: a command number (or range) of one alternative, or `all` spelled out. */
export function alternativeAnswer(answer: string, alternatives: readonly StepAlternative[]): number | 'all' | undefined {
  const wanted = answer.trim().toLowerCase();
  if (wanted === 'all') return 'all';
  if (!/^\d+(?:-\d+)?$/.test(wanted)) return undefined;
  const [from = 0, to = from] = wanted.split('-').map(Number);
  const position = alternatives.findIndex((alternative) => alternative.commands.includes(from));
  if (position === -1 || !alternatives[position]!.commands.includes(to)) return undefined;
  return position;
}
