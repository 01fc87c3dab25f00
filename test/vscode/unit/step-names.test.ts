import assert from 'node:assert/strict';
import { parseRunbook } from '../../../packages/runbook-core/src/index.ts';
import { runResultText } from '../../../packages/vscode-extension/src/run/run-result-text.ts';
import { stepName, stepNames } from '../../../packages/vscode-extension/src/step-names.ts';
import { demoRunbook, usersRunbook } from './core-fixtures.ts';

const twoRestarts = parseRunbook(
  [
    '# Recovery',
    '',
    '## Remove the scratch dir',
    '',
    '```bash',
    'rm -rf /tmp/scratch',
    '```',
    '',
    '## Restart the API',
    '',
    '```bash',
    'systemctl restart api',
    '```',
    '',
    '## Restart the API',
    '',
    '```bash',
    'systemctl restart api --force',
    '```',
    '',
    '```bash {name=verify}',
    'curl -fsS localhost/health',
    '```',
    '',
  ].join('\n'),
);

describe('stepNames: what a person calls a step', () => {
  it('uses the name attribute, else the heading, never the machine id', () => {
    const names = [...stepNames(twoRestarts).values()];
    assert.deepEqual(names, ['Remove the scratch dir', 'Restart the API (step 2)', 'Restart the API (step 3)', 'verify']);
    const first = twoRestarts.steps[0];
    assert.ok(first);
    assert.match(first.id, /\//, 'an unnamed step has a machine id');
    assert.equal(stepName(twoRestarts, first), 'Remove the scratch dir');
  });

  it("keeps the demo's named steps as they are", () => {
    assert.deepEqual([...stepNames(demoRunbook()).values()], ['say-hello', 'Configuration is not a step', 'fail-on-purpose', 'clean-up']);
  });

  it("names every step of the user's runbook without an id, each name once", function () {
    const runbook = usersRunbook(this);
    const names = [...stepNames(runbook).values()];
    assert.equal(names.length, runbook.steps.length);
    assert.equal(new Set(names).size, names.length, names.join('\n'));
    for (const [index, name] of names.entries()) {
      assert.ok(!name.includes(runbook.steps[index]?.id ?? '\0'), `${name} shows the id`);
      assert.doesNotMatch(name, /\/[0-9a-f]{8}/, name);
    }
  });
});

describe('runResultText: how a run ended, by name', () => {
  const base = { stepId: 'remove-the-scratch-dir/0e2b165a', message: 'Step remove-the-scratch-dir/0e2b165a succeeded: bash step.sh' };

  it('says the name, the exit and the time, not the interpreter', () => {
    const text = runResultText('Remove the scratch dir', { ...base, status: 'succeeded', exitCode: 0, durationMs: 1234 });
    assert.equal(text, '✓ Remove the scratch dir succeeded · exit 0 · 1.2 s');
  });

  it('names the failed commands and their lines', () => {
    const failedCommands = [{ number: 2, line: 40, exitCode: 3 }];
    const text = runResultText('Restart the API (step 2)', { ...base, status: 'failed', exitCode: 3, durationMs: 20, failedCommands });
    assert.equal(text, '✗ Restart the API (step 2) failed · exit 3 · command 2 failed (line 40) · 20 ms');
  });

  it("keeps a refusal's reason, with the name in place of core's label", () => {
    const message = 'remove-the-scratch-dir/0e2b165a refused: the run was declined';
    assert.equal(runResultText('Remove the scratch dir', { ...base, status: 'refused', message }), '⊘ Remove the scratch dir refused: the run was declined');
  });
});
