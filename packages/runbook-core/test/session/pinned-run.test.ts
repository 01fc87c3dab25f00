import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../cli/cli-harness.ts';
import { useTempDir, writeKubeconfig } from './session-fixtures.ts';

const fence = '```';

// What the guard cannot see in the text (a script the step writes, a client
// library) must still meet only the declared cluster: by construction.
describe('run session: every step runs on the pinned kubeconfig', () => {
  const workspace = useTempDir('runbook-pinned-run-');
  const runbook = (code: string) => ['---', 'kubernetes: { context: production }', '---', '', `${fence}bash {name=hidden}`, code, fence, ''].join('\n');

  it('a script the step writes sees only the declared context', async () => {
    const kubeconfig = writeKubeconfig(workspace.dir, 'production');
    const seen = join(workspace.dir, 'seen.yaml');
    // No cluster client in the text: the script is written, then run.
    writeFileSync(join(workspace.dir, 'rb.md'), runbook(`printf 'cat "$KUBECONFIG" > %s\\n' '${seen}' > s.sh\nsh s.sh`));
    const result = await runCli(['run', 'rb.md', '--step', 'hidden', '--yes'], { cwd: workspace.dir, env: { KUBECONFIG: kubeconfig } });
    assert.equal(result.code, 0, result.stderr);
    const config = readFileSync(seen, 'utf8');
    assert.match(config, /production/);
    assert.doesNotMatch(config, /staging/);
    assert.notEqual(config, readFileSync(kubeconfig, 'utf8'));
  });

  it('without the declared context on this machine, a step that uses no cluster gets a kubeconfig that reaches none', async () => {
    const kubeconfig = writeKubeconfig(workspace.dir, 'staging', ['staging']);
    const seen = join(workspace.dir, 'empty.yaml');
    writeFileSync(join(workspace.dir, 'rb.md'), runbook(`cat "$KUBECONFIG" > '${seen}'`));
    const result = await runCli(['run', 'rb.md', '--step', 'hidden', '--yes'], { cwd: workspace.dir, env: { KUBECONFIG: kubeconfig } });
    assert.equal(result.code, 0, result.stderr);
    const config = readFileSync(seen, 'utf8');
    assert.match(config, /contexts: \[\]/, `KUBECONFIG held:\n${config}`);
    assert.doesNotMatch(config, /staging|production|server/);
  });
});
