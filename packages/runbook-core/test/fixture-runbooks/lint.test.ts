import assert from 'node:assert/strict';
import { applyFixes, lintMarkdown, parseRunbook } from 'runbook-core';
import { requireShellcheck } from '../../../../test/support/system-tools.ts';
import { fixtureRunbook, fixtureRunbooks } from './fixture-runbooks.ts';

// What the corpus and the user's runbook tests check of lint, on the project's
// own runbooks: exact findings where a reviewer would make one, none elsewhere,
// surgical fixes, and every finding placed inside its file.

const withoutShellcheck = { rules: { shellcheck: 'off' as const } };

async function findings(name: string, config?: typeof withoutShellcheck): Promise<string[]> {
  const { source, path } = fixtureRunbook(name);
  const { messages } = await lintMarkdown(source, { path, ...(config ? { config } : {}) });
  return messages.map((message) => `${message.position.start.line}:${message.position.start.column} ${message.severity} ${message.ruleId}`);
}

describe('lint on the fixture runbooks', () => {
  it('finds nothing in a runbook of checklists, nor in a confirmed DR block whose variables are declared', async () => {
    assert.deepEqual(await findings('checklist-heavy.md', withoutShellcheck), []);
    assert.deepEqual(await findings('disaster-recovery.md', withoutShellcheck), []);
  });

  it('finds nothing there with shellcheck on either', async function () {
    requireShellcheck(this);
    assert.deepEqual(await findings('checklist-heavy.md'), []);
    assert.deepEqual(await findings('disaster-recovery.md'), []);
  });

  it('flags a menu of risky alternatives in one block, and its unconfirmed destructive commands', async () => {
    assert.deepEqual(await findings('mitigation-alternatives.md', withoutShellcheck), ['7:1 warning mixed-alternatives', '22:1 error unconfirmed-destructive']);
    const { source, path } = fixtureRunbook('mitigation-alternatives.md');
    const { messages } = await lintMarkdown(source, { path, config: withoutShellcheck });
    const reasons = messages.map((message) => message.reason).join('\n');
    for (const named of ['# 1. Restart the API pods', 'aws rds failover-db-cluster', 'kubectl rollout undo'])
      assert.ok(reasons.includes(named), `a reason names ${named}`);
  });

  it('fixes the unconfirmed block by marking its info string, and changes nothing else', async () => {
    const { source, path } = fixtureRunbook('mitigation-alternatives.md');
    const { messages } = await lintMarkdown(source, { path, config: withoutShellcheck });
    const { output, skipped } = applyFixes(source, messages);
    assert.deepEqual(skipped, []);
    const before = source.split('\n');
    const after = output.split('\n');
    assert.equal(after.length, before.length);
    assert.deepEqual(
      after.flatMap((line, index) => (line === before[index] ? [] : [`${index + 1}: ${line}`])),
      ['7: ```bash {confirm=true}'],
    );
    assert.equal(parseRunbook(output).steps[0]?.options.confirm, true);
    const again = await lintMarkdown(output, { path, config: withoutShellcheck });
    assert.ok(!again.messages.some((message) => message.ruleId === 'unconfirmed-destructive'));
  });

  it('flags a template slot nothing fills and a fence without a language, not the slots incidents fill', async () => {
    assert.deepEqual(await findings('status-templates.md', withoutShellcheck), ['18:33 warning undeclared-variable', '37:1 warning fence-language']);
    const { source, path } = fixtureRunbook('status-templates.md');
    const { messages } = await lintMarkdown(source, { path, config: withoutShellcheck });
    assert.match(messages[0]?.reason ?? '', /\$\{TICKET_URL\}/);
  });

  it('places every finding and fix inside its file', async () => {
    for (const { name, source, path } of fixtureRunbooks()) {
      const { messages } = await lintMarkdown(source, { path, config: withoutShellcheck });
      for (const message of messages) {
        for (const range of [message.position, ...(message.fix ? [message.fix.range] : [])]) {
          assert.ok(
            range.start.offset >= 0 && range.start.offset <= range.end.offset && range.end.offset <= source.length,
            `${name}:${message.position.start.line}`,
          );
        }
      }
    }
  });
});
