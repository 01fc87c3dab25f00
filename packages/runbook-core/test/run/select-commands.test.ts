import assert from 'node:assert/strict';
import { selectCommands } from '../../src/run/select-commands.ts';
import { makeStep } from './make-step.ts';

const mitigation = makeStep({
  name: 'mitigate',
  code: [
    '# 1. Service Restart',
    'kubectl rollout restart deployment/api',
    '',
    '# 2. Scale Up Resources',
    'kubectl scale deployment api --replicas=10',
    '',
    '# 5. Rollback Deployment',
    'kubectl rollout undo deployment/api',
    'kubectl rollout undo deployment/worker',
    '',
    'echo done',
    '',
  ].join('\n'),
});

const indices = (selectors: Array<number | string>): number[] => selectCommands(mitigation, selectors).map((command) => command.index);

describe('selectCommands', () => {
  it('selects one command by its 0-based index', () => {
    assert.deepEqual(indices([1]), [1]);
  });

  it('selects every command under a heading by its number, its title or its whole text, ignoring case and spacing', () => {
    assert.deepEqual(indices(['5']), [2, 3]);
    assert.deepEqual(indices(['5.']), [2, 3]);
    assert.deepEqual(indices(['rollback   DEPLOYMENT']), [2, 3]);
    assert.deepEqual(indices(['5. Rollback Deployment']), [2, 3]);
  });

  it('keeps block order and drops repeats, whatever the order of selectors', () => {
    assert.deepEqual(indices(['5', 0, '1', 2]), [0, 2, 3]);
  });

  it('never selects a command without a heading by a string', () => {
    assert.throws(() => indices(['done']), RangeError);
  });

  it('throws a clear error for an unknown selector, listing the commands and their headings', () => {
    assert.throws(
      () => indices(['7']),
      (error: Error) => {
        assert.ok(error instanceof RangeError);
        assert.match(error.message, /option 'commands' has "7", but no heading matches it in step "mitigate"/);
        // Listed by the number people type, with the API's index beside it.
        assert.match(error.message, /\n {2}1\. \(index 0\) "1\. Service Restart": kubectl rollout restart deployment\/api\n/);
        assert.match(error.message, /\n {2}5\. \(index 4\): echo done$/);
        return true;
      },
    );
    assert.throws(() => indices([9]), /option 'commands' has 9, but no command has this 0-based index \(valid command numbers: 1–5\)/);
    assert.throws(() => indices([-1]), /valid command numbers: 1–5/);
  });

  it('refuses a string that matches several headings', () => {
    const twice = makeStep({ code: '# 1. check\necho a\n\n# 1. check\necho b\n' });
    assert.throws(() => selectCommands(twice, ['1']), /matches 2 headings/);
  });

  it('rejects selectors of the wrong type, naming the option', () => {
    assert.throws(() => selectCommands(mitigation, [true as unknown as number]), /option 'commands' holds boolean/);
    assert.throws(() => selectCommands(mitigation, '1' as unknown as string[]), /option 'commands' must be an array/);
  });
});
