import assert from 'node:assert/strict';
import { commandGroups } from '../../../packages/vscode-extension/src/run/command-groups.ts';
import { demoRunbook, usersRunbook } from './core-fixtures.ts';

describe('commandGroups (per-command lenses)', () => {
  it('offers each command alone in a block without headings', () => {
    const step = demoRunbook().steps.find((candidate) => candidate.id === 'fail-on-purpose');
    assert.ok(step);
    assert.deepEqual(
      commandGroups(step).map((group) => group.commands.map((command) => command.text)),
      [['echo "failing on purpose" >&2'], ['exit 3']],
    );
  });

  it("groups the user's numbered investigation commands under their headings", function () {
    const investigation = usersRunbook(this).steps.find((step) => step.commands.some((command) => command.heading === '1. System Health Check'));
    assert.ok(investigation);
    const groups = commandGroups(investigation);
    assert.deepEqual(
      groups.map((group) => group.heading),
      [
        '1. System Health Check',
        '2. Recent Changes',
        '3. Resource Usage',
        '4. Recent Events',
        '5. Application Logs',
        '6. Database Status',
        '7. External Dependencies',
        '8. Monitoring Alerts',
      ],
    );
    for (const group of groups) {
      const indexes = group.commands.map((command) => command.index);
      assert.deepEqual(
        indexes,
        indexes.map((_, offset) => (indexes[0] ?? 0) + offset),
        `${group.heading} is not consecutive`,
      );
    }
  });

  it('offers nothing extra for a one-command block', () => {
    const step = demoRunbook().steps.find((candidate) => candidate.id === 'say-hello');
    assert.ok(step);
    assert.deepEqual(commandGroups(step), []);
  });
});
