import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintFiles, lintMarkdown } from 'runbook-core';
import { corpusDir, requireMaterial } from '../../../../test/support/external-material.ts';
import { requireShellcheck } from '../../../../test/support/system-tools.ts';

const repoRoot = new URL('../../../../', import.meta.url).pathname;
const snapshot = new URL('../fixtures/lint/corpus-counts.json', import.meta.url).pathname;

describe('lint on the corpus of real runbooks', () => {
  let outcome: Awaited<ReturnType<typeof lintFiles>>;
  before(async function () {
    const corpus = requireMaterial(this, corpusDir(), 'corpus');
    requireShellcheck(this);
    outcome = await lintFiles([corpus], { cwd: repoRoot });
  });

  it('lints every file without a failure', () => {
    assert.ok(outcome.results.length >= 390, `${outcome.results.length} files`);
    assert.deepEqual(outcome.failures, []);
    assert.deepEqual(outcome.notices, []);
    const crashed = outcome.results.flatMap((result) =>
      result.messages.filter((message) => /failed on this file/.test(message.reason)).map((message) => `${result.path}: ${message.reason}`),
    );
    assert.deepEqual(crashed, []);
  });

  it('finds per rule what the reviewed snapshot says (update it deliberately with UPDATE_LINT_FIXTURES=1)', () => {
    const counts: Record<string, number> = {};
    for (const result of outcome.results) {
      for (const message of result.messages) {
        const rule = message.ruleId.split('/')[0]!;
        counts[rule] = (counts[rule] ?? 0) + 1;
      }
    }
    const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
    const actual = { files: outcome.results.length, findings: sorted };
    if (process.env.UPDATE_LINT_FIXTURES === '1') writeFileSync(snapshot, `${JSON.stringify(actual, null, 2)}\n`);
    assert.deepEqual(actual, JSON.parse(readFileSync(snapshot, 'utf8')));
  });

  it('places every finding and fix inside its file', () => {
    for (const result of outcome.results) {
      const length = readFileSync(join(repoRoot, result.path), 'utf8').length;
      for (const message of result.messages) {
        for (const range of [message.position, ...(message.fix ? [message.fix.range] : [])]) {
          assert.ok(
            range.start.offset >= 0 && range.start.offset <= range.end.offset && range.end.offset <= length,
            `${result.path}:${message.position.start.line} ${message.ruleId}`,
          );
        }
      }
    }
  });

  it('leaves every file lintable after its fixes, with fewer fixable findings', async () => {
    for (const result of outcome.results.filter((candidate) => candidate.messages.some((message) => message.fix))) {
      const file = join(repoRoot, result.path);
      const source = readFileSync(file, 'utf8');
      const fixable = result.messages.filter((message) => message.fix && !message.ruleId.startsWith('shellcheck')).length;
      // As --fix does: a fix may leave another (a <placeholder> becomes a variable, which then gets declared).
      const again = await lintMarkdown(source, { path: file, config: { rules: { shellcheck: 'off' } }, fixRounds: 5 });
      assert.ok(again.messages.filter((message) => message.fix).length < fixable || fixable === 0, result.path);
    }
  });
});
