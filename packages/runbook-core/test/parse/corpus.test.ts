import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunbook } from '../../src/parse/index.ts';
import { assertModelInvariants } from './model-invariants.ts';
import { useShellGrammar } from './parser-fixtures.ts';
import { corpusDir, corpusFiles, requireMaterial } from '../../../../test/support/external-material.ts';

describe('parseRunbook on the corpus', () => {
  useShellGrammar();
  it('parses every file, with every position inside it', function () {
    // The corpus lives outside the repository.
    const corpus = requireMaterial(this, corpusDir(), 'corpus');
    const files = corpusFiles();
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
