import assert from 'node:assert/strict';
import { requireShellcheck } from '../../../../test/support/system-tools.ts';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules, lintMarkdown, type LintConfig } from 'runbook-core';
import { byLine, expectedFindings } from './fixture-expectations.ts';

const fixtures = new URL('../fixtures/lint/', import.meta.url).pathname;
const update = process.env.UPDATE_LINT_FIXTURES === '1';

/** Every rule off but one, so a fixture shows that rule's findings and fixes alone. */
function only(ruleId: string): LintConfig {
  return { rules: Object.fromEntries(builtinRules.filter((rule) => rule.id !== ruleId).map((rule) => [rule.id, 'off'])) };
}

describe('lint rules on their fixtures', () => {
  it('has a fixture folder with findings for every built-in rule', () => {
    const folders = readdirSync(fixtures, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    for (const rule of builtinRules) {
      assert.ok(folders.includes(rule.id), `test/fixtures/lint/${rule.id}/ is missing`);
      const marked = readdirSync(join(fixtures, rule.id))
        .filter((file) => file.endsWith('.md') && !file.endsWith('.fixed.md'))
        .some((file) => expectedFindings(readFileSync(join(fixtures, rule.id, file), 'utf8')).length > 0);
      assert.ok(marked, `${rule.id} has no fixture that expects a finding`);
    }
  });

  for (const rule of builtinRules) {
    const folder = join(fixtures, rule.id);
    if (!existsSync(folder)) continue;
    describe(rule.id, () => {
      if (rule.id === 'shellcheck')
        before(function () {
          requireShellcheck(this);
        });
      for (const file of readdirSync(folder)
        .filter((name) => name.endsWith('.md') && !name.endsWith('.fixed.md'))
        .sort()) {
        const path = join(folder, file);
        const source = readFileSync(path, 'utf8');

        it(`${file}: finds exactly what the markers expect`, async () => {
          const { messages } = await lintMarkdown(source, { path, config: only(rule.id) });
          const found = messages.map((message) => `${message.position.start.line} ${message.ruleId}`).sort(byLine);
          assert.deepEqual(found, expectedFindings(source));
          for (const message of messages) {
            assert.ok(message.position.start.offset <= message.position.end.offset, 'start before end');
            assert.ok(message.position.end.offset <= source.length, 'inside the source');
            assert.ok(message.reason.length > 10, 'a reason a reader can act on');
          }
        });

        const fixedPath = path.replace(/\.md$/, '.fixed.md');
        if (existsSync(fixedPath) || (update && rule.fixable)) {
          it(`${file}: --fix gives ${file.replace(/\.md$/, '.fixed.md')}`, async () => {
            const { fixedSource, messages } = await lintMarkdown(source, { path, config: only(rule.id), fixRounds: 5 });
            if (update && fixedSource !== undefined) writeFileSync(fixedPath, fixedSource);
            if (!existsSync(fixedPath)) return;
            assert.equal(fixedSource ?? source, readFileSync(fixedPath, 'utf8'));
            assert.ok(
              messages.every((message) => !message.fix),
              'no fixable finding is left',
            );
          });
        }
      }
    });
  }
});
