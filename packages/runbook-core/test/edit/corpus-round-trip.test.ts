import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyTextEdits, checkedEdits } from '../../src/edit/index.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { useShellGrammar } from '../parse/parser-fixtures.ts';

// The corpus and the user's runbook live beside the repository, never in it.
const corpus = fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url));
const userRunbook = fileURLToPath(new URL('../../../../../shared/seeds/000_15d2150e85d89317.txt', import.meta.url));
const files = (readdirSync(corpus, { recursive: true }) as string[]).filter((name) => name.endsWith('.md')).sort();

describe('setChecked on the corpus', () => {
  useShellGrammar();

  it("round-trips every checklist item (the corpus has no task lists today; the user's runbook has twelve)", () => {
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
