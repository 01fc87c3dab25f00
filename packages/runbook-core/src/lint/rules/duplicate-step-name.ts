import type { Position } from '../../model.ts';
import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { fenceLinePosition } from '../source/fence-info.ts';

/** `runbook run --step <name>` and `runbook render <name>` need one block per name. */
export const duplicateStepName: LintRule = {
  id: 'duplicate-step-name',
  description: 'Step and template names are unique within a runbook',
  url: ruleDocsUrl('duplicate-step-name'),
  defaultSeverity: 'error',
  fixable: false,
  tags: ['steps'],
  check({ runbook, lines, report }) {
    const seen = new Map<string, Position>();
    const blocks = new Map<number, { name: string; position: Position }>();
    for (const block of [...runbook.steps, ...runbook.templates]) {
      if (block.name !== undefined && block.name !== '') blocks.set(block.position.start.offset, { name: block.name, position: block.position });
    }
    for (const block of [...blocks.values()].sort((a, b) => a.position.start.offset - b.position.start.offset)) {
      const first = seen.get(block.name);
      if (!first) {
        seen.set(block.name, block.position);
        continue;
      }
      report({
        reason: `Name '${block.name}' is already used by the block on line ${first.start.line}; give each block its own name so it can be run or rendered by name`,
        position: fenceLinePosition(lines, block),
      });
    }
  },
};
