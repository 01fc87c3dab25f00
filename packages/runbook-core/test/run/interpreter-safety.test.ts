import assert from 'node:assert/strict';
import { carryExports, startupVariableReason } from '../../src/run/export-policy.ts';
import { unsafeInterpreterReason } from '../../src/run/interpreter-safety.ts';

describe('interpreter values and exported names: the tables', () => {
  it('accepts known interpreters by name or plain absolute path, with harmless flags only', () => {
    for (const value of [
      'bash',
      'sh',
      '/bin/sh',
      '/usr/local/bin/zsh',
      'dash -e',
      'bash -euo pipefail',
      'bash -o errexit -x',
      'python3',
      'python3.12 -u',
      'python -X dev',
      'node',
      'nodejs --no-warnings',
    ]) {
      assert.equal(unsafeInterpreterReason(value, 'shell attribute'), undefined, value);
    }
  });

  it('refuses anything that can run code of its own', () => {
    const refused = [
      'sh -c id',
      'bash -c',
      'bash --rcfile /tmp/x',
      'bash -i',
      'bash -o pipefail -c id',
      'bash -O extglob',
      'python3 -c print(1)',
      'python3 -m http.server',
      'node -e 1',
      'node -r ./x.js',
      'node --import ./x.mjs',
      'env bash',
      'busybox sh',
      'perl',
      './bash',
      'bin/bash',
      '/tmp/../bin/bash',
      '/opt/my tools/bash',
      '',
    ];
    for (const value of refused) assert.match(unsafeInterpreterReason(value, 'shell attribute') ?? '', /^shell attribute "/, value);
  });

  it('names why a startup variable is not carried, by name or family', () => {
    assert.match(startupVariableReason('BASH_ENV') ?? '', /runs code when a shell starts/);
    assert.match(startupVariableReason('LD_ANYTHING') ?? '', /loads code/);
    assert.match(startupVariableReason('BASH_FUNC_ls%%') ?? '', /shell function/);
    assert.equal(startupVariableReason('TICKET'), undefined);
    assert.equal(startupVariableReason('KUBE_NAMESPACE'), undefined);
    const { carried, dropped } = carryExports({ KUBECONFIG: '/tmp/evil', POD: 'api-1' });
    assert.deepEqual(carried, { POD: 'api-1' });
    assert.deepEqual(
      dropped.map((entry) => entry.name),
      ['KUBECONFIG'],
    );
  });
});
