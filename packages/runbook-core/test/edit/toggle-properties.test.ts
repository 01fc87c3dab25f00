import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyTextEdits, checkedEdits } from '../../src/edit/index.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { markdownishWithItems } from '../parse/markdown-arbitraries.ts';
import { useShellGrammar } from '../parse/parser-fixtures.ts';

describe('setChecked on any runbook (properties)', () => {
  useShellGrammar();

  it('flips exactly one character, and only that item; flipping back restores the bytes', () => {
    fc.assert(
      fc.property(markdownishWithItems, fc.nat(), (source, pick) => {
        const before = parseRunbook(source);
        fc.pre(before.checklistItems.length > 0);
        const item = before.checklistItems[pick % before.checklistItems.length];
        if (item === undefined) return;
        const once = applyTextEdits(source, checkedEdits(source, item.id, !item.checked, before));
        assert.equal(once.length, source.length);
        for (let index = 0; index < source.length; index++) {
          if (index !== item.boxOffset) assert.equal(once.charCodeAt(index), source.charCodeAt(index));
        }
        assert.notEqual(once[item.boxOffset], source[item.boxOffset]);

        const after = parseRunbook(once);
        assert.deepEqual(
          after.checklistItems.map((entry) => [entry.id, entry.boxOffset, entry.checked]),
          before.checklistItems.map((entry) => [entry.id, entry.boxOffset, entry === item ? !entry.checked : entry.checked]),
        );

        // Back again: the same bytes, except that `X` and a tab come back as the canonical `x` and space.
        const twice = applyTextEdits(once, checkedEdits(once, item.id, item.checked, after));
        const canonical = item.checked ? 'x' : ' ';
        const box = source[item.boxOffset];
        const expected = box === 'x' || box === ' ' ? source : source.slice(0, item.boxOffset) + canonical + source.slice(item.boxOffset + 1);
        assert.equal(twice, expected);
      }),
      { numRuns: 2000 },
    );
  });
});
