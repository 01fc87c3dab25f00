import { findAlternatives, textAboveBlock } from '../../run/alternatives.ts';
import { commandNumber } from '../../run/command-number.ts';
import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { commandView } from '../source/command-view.ts';
import { fenceLinePosition } from '../source/fence-info.ts';
import { knownRisk } from '../source/known-risk.ts';

/**
 * One block holding several risky commands under separate headings reads as
 * a menu ("1. Restart … 5. Roll back") but runs as a script: all of them.
 * The same shape is also a procedure (the DR activation: provision, restore,
 * switch DNS), so a menu is recognised by its wording; the judgement is
 * `findAlternatives`, the one the runners use to ask which alternative to run.
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
      // Judged on the commands behind prompts and placeholders, as the other rules.
      const judged = { ...step, commands: commandView(step, lines).commands };
      const sectionTitle = runbook.sections.find((candidate) => candidate.slug === step.section)?.title;
      const alternatives = findAlternatives(judged, {
        ...(sectionTitle === undefined ? {} : { sectionTitle }),
        textAbove: textAboveBlock((line) => lines.lineText(line), step.position.start.line),
      });
      const risky = alternatives.filter((alternative) =>
        judged.commands.some((command) => alternative.commands.includes(commandNumber(command.index)) && knownRisk(command) !== 'read'),
      );
      if (risky.length < 2) continue;
      const listed =
        risky
          .slice(0, 4)
          .map((alternative) => `# ${alternative.label}`)
          .join(', ') + (risky.length > 4 ? ', …' : '');
      report({
        reason: `This block holds ${risky.length} separate risky commands under their own headings (${listed}), and running the step runs them all; split it into one step per alternative, or run one with \`runbook run --command <n>\``,
        position: fenceLinePosition(lines, step),
      });
    }
  },
};
