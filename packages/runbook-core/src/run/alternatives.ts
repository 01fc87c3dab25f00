import { knownRisk } from '../lint/source/known-risk.ts';
import type { Risk, ShellCommand, Step } from '../model.ts';
import { commandNumber, commandNumberList } from './command-number.ts';
import { worstRisk } from './step-plan.ts';

/** One choice of a block that offers several: the commands under one heading. */
export interface StepAlternative {
  /** The heading comment, e.g. `5. Rollback Deployment`. */
  label: string;
  /** 1-based command numbers, as `--command` takes them. */
  commands: number[];
  /** Worst risk of its commands. */
  risk: Risk;
}

/**
 * What tells a menu from a procedure besides the block itself. Without it,
 * the section is judged by its slug and the prose above is not known.
 */
export interface AlternativesClues {
  /** The title of the section holding the block. */
  sectionTitle?: string;
  /** The prose lines just above the block (see `textAboveBlock`). */
  textAbove?: string;
}

// A section that offers choices; in running text "option" is as often a CLI flag.
const choicesTitle = /\b(options|alternatives?|strateg(?:y|ies))\b/i;
const choicesText = /\b(alternatives?|choose|pick one|one of (?:the following|these)|either)\b|\boptions:/i;
const choiceHeading = /^(?:\d+[.)]\s*)?(or|option|alternative)\b/i;
const scriptMarker = /^#!|^\s*set\s+-[a-z]*e|^\s*set\s+-o\s+errexit/m;

/**
 * The alternatives a shell block offers, or `[]` when it is not a menu.
 * A menu: every command sits under a heading comment, at least two headings
 * hold a command that changes something, and the wording calls them choices
 * (a heading "Or …"/"Option …", the section title, or the prose above says
 * options, alternatives or strategies). A block that starts with a shebang or
 * `set -e` is a script, never a menu. Commands rated `mutate` only because
 * their program is unknown do not count as risky (see `knownRisk`).
 * Running the whole of a menu runs every alternative: the runners ask which.
 */
export function findAlternatives(step: Step, clues: AlternativesClues = {}): StepAlternative[] {
  if (!step.isShell || step.options.skip === true || scriptMarker.test(step.code)) return [];
  const groups = headedGroups(step.commands);
  if (groups === undefined) return [];
  const risky = groups.filter((group) => group.commands.some((command) => knownRisk(command) !== 'read'));
  if (risky.length < 2 || !calledChoices(step, groups, clues)) return [];
  return groups.map((group) => ({
    label: group.heading,
    commands: group.commands.map((command) => commandNumber(command.index)),
    risk: worstRisk(group.commands.map((command) => command.risk)),
  }));
}

/** The commands of a set of alternatives that change something: what "run them all" would really do. */
export function riskyCommandCount(step: Step, alternatives: readonly StepAlternative[]): number {
  const numbers = new Set(alternatives.flatMap((alternative) => alternative.commands));
  return step.commands.filter((command) => numbers.has(commandNumber(command.index)) && command.risk !== 'read').length;
}

/** The prose lines just above a block, up to a heading, another fence or six lines. */
export function textAboveBlock(lineText: (line: number) => string, fenceLine: number): string {
  const above: string[] = [];
  for (let line = fenceLine - 1; line >= 1 && above.length < 6; line--) {
    const text = lineText(line).trim();
    if (/^(?:#{1,6}\s|```|~~~)/.test(text)) break;
    above.push(text);
  }
  return above.join(' ');
}

interface HeadedGroup {
  heading: string;
  commands: ShellCommand[];
}

/** The commands by heading, or undefined when a command comes before the first heading. */
function headedGroups(commands: readonly ShellCommand[]): HeadedGroup[] | undefined {
  const groups: HeadedGroup[] = [];
  for (const command of commands) {
    const heading = command.heading?.trim() ?? '';
    const current = groups.at(-1);
    if (heading !== '' && heading !== current?.heading) groups.push({ heading, commands: [command] });
    else if (!current) return undefined;
    else current.commands.push(command);
  }
  return groups;
}

function calledChoices(step: Step, groups: readonly HeadedGroup[], clues: AlternativesClues): boolean {
  if (groups.some((group) => choiceHeading.test(group.heading))) return true;
  const title = clues.sectionTitle ?? step.section?.replace(/-/g, ' ');
  if (title !== undefined && choicesTitle.test(title)) return true;
  return clues.textAbove !== undefined && choicesText.test(clues.textAbove);
}

/**
 * How to run a block of alternatives without a prompt, for refusals:
 * `choose one with --command 1, 2, 5-6 or 7; --command all runs all 7 risky commands`.
 */
export function alternativesHint(alternatives: readonly StepAlternative[], riskyCommands: number): string {
  const choices = alternatives.map((alternative) => commandNumberList(alternative.commands));
  const listed = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}` : (choices[0] ?? '');
  return `choose one with --command ${listed}; --command all runs all ${riskyCommands} risky command${riskyCommands === 1 ? '' : 's'}`;
}
