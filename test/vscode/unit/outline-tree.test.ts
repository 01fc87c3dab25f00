import assert from 'node:assert/strict';
import { outlineTree, type OutlineNode } from '../../../packages/vscode-extension/src/outline/outline-tree.ts';
import { demoRunbook, incidentState, usersRunbook } from './core-fixtures.ts';

function flatten(nodes: OutlineNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [
    `${'  '.repeat(depth)}${node.kind}: ${node.label}${node.description ? ` (${node.description})` : ''}`,
    ...flatten(node.children, depth + 1),
  ]);
}

describe('outlineTree (the Runbook view)', () => {
  it('nests steps and checklists under their sections, with status and progress', () => {
    const incident = incidentState([{ type: 'checklist-ticked', itemId: 'checklist/say-hello', text: 'Say hello' }]);
    const tree = outlineTree(demoRunbook(), incident, (step) => (step.id === 'say-hello' ? '✓ exit 0' : undefined));
    assert.deepEqual(flatten(tree), [
      'section: Demo runbook for the editor tests',
      '  section: Checklist',
      '    checklist: Checklist (1/2 done in INC-20260101-0900)',
      '  section: Say hello',
      '    step: say-hello (✓ exit 0)',
      '  section: Configuration is not a step',
      '  section: A step that fails',
      '    step: fail-on-purpose',
      '  section: Clean up',
      '    step: clean-up',
      '  section: Status update',
    ]);
  });

  it("counts the file's ticks outside an incident, and keeps every step of the user's runbook", function () {
    const runbook = usersRunbook(this);
    const lines = flatten(outlineTree(runbook, undefined, () => undefined));
    assert.equal(lines.filter((line) => line.trim().startsWith('step:')).length, runbook.steps.filter((step) => step.isShell).length);
    assert.ok(
      lines.some((line) => /checklist: Checklist \(0\/\d+ done\)/.test(line)),
      lines.join('\n'),
    );
  });
});
