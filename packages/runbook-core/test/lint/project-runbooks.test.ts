import assert from 'node:assert/strict';
import { lintFiles } from 'runbook-core';
import { requireShellcheck } from '../../../../test/support/system-tools.ts';

const repoRoot = new URL('../../../../', import.meta.url).pathname;

describe("the project's own runbooks", () => {
  it('lint clean, shellcheck included', async function () {
    requireShellcheck(this);
    const outcome = await lintFiles(['runbooks'], { cwd: repoRoot });
    assert.ok(outcome.results.length > 0);
    const found = outcome.results.flatMap((result) =>
      result.messages.map((message) => `${result.path}:${message.position.start.line} ${message.ruleId} ${message.reason}`),
    );
    assert.deepEqual(found, []);
    assert.deepEqual(outcome.unmatched, []);
  });
});
