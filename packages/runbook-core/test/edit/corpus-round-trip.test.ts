import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyTextEdits, checkedEdits } from '../../src/edit/index.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { corpusDir, corpusFiles, requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';
import { useShellGrammar } from '../parse/parser-fixtures.ts';

describe('setChecked on the corpus', () => {
  useShellGrammar();

  it("round-trips every checklist item (the corpus has no task lists today; the user's runbook has twelve)", function () {
    // The corpus and the user's runbook live outside the repository.
    const corpus = requireMaterial(this, corpusDir(), 'corpus');
    const userRunbook = requireMaterial(this, userRunbookPath(), 'user runbook');
    const files = corpusFiles();
    let items = 0;
    for (const path of [...files.map((name) => join(corpus, name)), userRunbook]) {
      const source = readFileSync(path, 'utf8');
      const runbook = parseRunbook(source);
      for (const item of runbook.checklistItems) {
        const flipped = applyTextEdits(source, checkedEdits(source, item.id, !item.checked, runbook));
        assert.equal(parseRunbook(flipped).checklistItems.find((entry) => entry.id === item.id)?.checked, !item.checked, `${path}: ${item.id}`);
        const restored = applyTextEdits(flipped, checkedEdits(flipped, item.id, item.checked));
        const box = source[item.boxOffset];
        const canonical = box === 'x' || box === ' ' ? box : item.checked ? 'x' : ' ';
        assert.equal(restored, source.slice(0, item.boxOffset) + canonical + source.slice(item.boxOffset + 1), `${path}: ${item.id}`);
        items++;
      }
    }
    assert.ok(items >= 12, `${items} items`);
  });
});
