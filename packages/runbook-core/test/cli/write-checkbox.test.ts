import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRunbook } from 'runbook-core';
import { withCheckbox } from '../../src/cli/write-checkbox.ts';

const itemText = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.]{0,30}$/);
const box = fc.constantFrom(' ', 'x', 'X');

describe('withCheckbox', () => {
  it('changes only the one box character, and only when the state differs (any checklist)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(itemText, box, fc.nat(2)), { minLength: 1, maxLength: 8 }), fc.nat(), fc.boolean(), (items, pick, checked) => {
        const source = `# Checklist\n\n${items.map(([text, mark, depth]) => `${'  '.repeat(depth)}- [${mark}] ${text}`).join('\n')}\n`;
        const runbook = parseRunbook(source);
        fc.pre(runbook.checklistItems.length > 0);
        const item = runbook.checklistItems[pick % runbook.checklistItems.length]!;
        const updated = withCheckbox(source, item, checked);
        const changed = [...updated].filter((char, index) => char !== source[index]).length;
        assert.equal(updated.length, source.length);
        assert.equal(changed, item.checked === checked ? 0 : 1);
        const after = parseRunbook(updated).checklistItems;
        assert.deepEqual(after.map((entry) => entry.checked), runbook.checklistItems.map((entry) => (entry.id === item.id ? checked : entry.checked)));
      }),
    );
  });

  it('throws when the box is not where the model says', () => {
    assert.throws(() => withCheckbox('- [ ] a\n', { boxOffset: 0, text: 'a' }, true), /not at offset 0; the file changed/);
  });
});
