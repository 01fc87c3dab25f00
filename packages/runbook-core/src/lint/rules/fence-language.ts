import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { fenceLinePosition } from '../source/fence-info.ts';
import { fencedBlocks } from '../source/fenced-blocks.ts';

/** A fence with no language cannot be run, highlighted or told apart from a template. */
export const fenceLanguage: LintRule = {
  id: 'fence-language',
  description: 'Fenced code blocks name their language',
  url: ruleDocsUrl('fence-language'),
  defaultSeverity: 'warning',
  fixable: false,
  tags: ['code'],
  check({ runbook, lines, report }) {
    for (const block of fencedBlocks(runbook)) {
      if (block.lang.trim() !== '') continue;
      report({
        reason: 'Fenced code block has no language; name one (`bash`, `text`, `markdown`, …) so it is run, shown and checked as intended',
        position: fenceLinePosition(lines, block),
      });
    }
  },
};
