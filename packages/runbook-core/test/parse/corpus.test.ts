import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRunbook } from '../../src/parse/index.ts';
import { assertModelInvariants } from './model-invariants.ts';
import { useShellGrammar } from './parser-fixtures.ts';

// The corpus lives beside the repository, never in it.
const corpus = fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url));
const files = (readdirSync(corpus, { recursive: true }) as string[]).filter((name) => name.endsWith('.md')).sort();

describe('parseRunbook on the corpus', () => {
  useShellGrammar();
  it('parses every file, with every position inside it', () => {
    assert.ok(files.length > 300, `corpus at ${corpus}`);
    let steps = 0;
    for (const name of files) {
      const source = readFileSync(join(corpus, name), 'utf8');
      const runbook = parseRunbook(source, { path: name });
      assert.equal(runbook.path, name);
      assertModelInvariants(source, runbook);
      steps += runbook.steps.length;
    }
    assert.ok(steps > 1000, `${steps} steps`);
  });
});
