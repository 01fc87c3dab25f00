import type { Runbook, ShellCommand, Step } from '../../model.ts';
import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { commandView } from '../source/command-view.ts';
import { fenceLinePosition } from '../source/fence-info.ts';
import type { LineIndex } from '../source/line-index.ts';
import { knownRisk } from '../source/known-risk.ts';

/** Commands under one heading comment (`# 2. Scale up`), up to the next. */
interface HeadedGroup {
  heading: string;
  commands: ShellCommand[];
}

// A section that offers choices; in running text "option" is as often a CLI flag.
const choicesTitle = /\b(options|alternatives?|strateg(?:y|ies))\b/i;
const choicesText = /\b(alternatives?|choose|pick one|one of (?:the following|these)|either)\b|\boptions:/i;
const scriptMarker = /^#!|^\s*set\s+-[a-z]*e|^\s*set\s+-o\s+errexit/m;

/**
 * One block holding several risky commands under separate headings reads as
 * a menu ("1. Restart … 5. Roll back") but runs as a script: all of them.
 * The same shape is also a procedure (the DR activation: provision, restore,
 * switch DNS), so a menu is recognised by its wording: the section title,
 * the lines just above the block or a heading calls them options,
 * alternatives or strategies ("# Or patch …"). A block that starts with a
 * shebang or `set -e` is a script and left alone.
 */
export const mixedAlternatives: LintRule = {
  id: 'mixed-alternatives',
  description: 'A block does not hold several independent risky commands under separate headings',
  url: ruleDocsUrl('mixed-alternatives'),
  defaultSeverity: 'warning',
  fixable: false,
  tags: ['safety', 'steps'],
  check({ runbook, lines, report }) {
    for (const step of runbook.steps) {
      if (!step.isShell || step.options.skip === true || scriptMarker.test(step.code)) continue;
      const groups = headedGroups(commandView(step, lines).commands);
      if (!groups) continue;
      const risky = groups.filter((group) => group.commands.some((command) => knownRisk(command) !== 'read'));
      if (risky.length < 2) continue;
      if (!calledOptions(runbook, step, risky, lines)) continue;
      const listed =
        risky
          .slice(0, 4)
          .map((group) => `# ${group.heading}`)
          .join(', ') + (risky.length > 4 ? ', …' : '');
      report({
        reason: `This block holds ${risky.length} separate risky commands under their own headings (${listed}), and running the step runs them all; split it into one step per alternative, or run one with \`runbook run --command <n>\``,
        position: fenceLinePosition(lines, step),
      });
    }
  },
};

/** The commands by heading, or undefined when commands come before the first heading. */
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

function calledOptions(runbook: Runbook, step: Step, groups: readonly HeadedGroup[], lines: LineIndex): boolean {
  if (groups.some((group) => /^(?:\d+[.)]\s*)?(or|option|alternative)\b/i.test(group.heading))) return true;
  const section = runbook.sections.find((candidate) => candidate.slug === step.section);
  if (section !== undefined && choicesTitle.test(section.title)) return true;
  return choicesText.test(textAbove(lines, step.position.start.line));
}

/** The prose lines just above a block, up to a heading, another fence or six lines. */
function textAbove(lines: LineIndex, fenceLine: number): string {
  const above: string[] = [];
  for (let line = fenceLine - 1; line >= 1 && above.length < 6; line--) {
    const text = lines.lineText(line).trim();
    if (/^(?:#{1,6}\s|```|~~~)/.test(text)) break;
    above.push(text);
  }
  return above.join(' ');
}
