import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { journal, runCli, startIncident } from '../cli/cli-harness.ts';
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

describe('run session: exports that are configuration stay behind, and the journal says so', () => {
  const workspace = useTempDir('runbook-dropped-exports-');

  it('BASH_ENV exported by one step does not reach the next, and is journaled as not carried', async () => {
    const marker = join(workspace.dir, 'poisoned');
    writeFileSync(join(workspace.dir, 'evil.sh'), `touch '${marker}'\n`);
    writeFileSync(
      join(workspace.dir, 'rb.md'),
      [
        '# Exports',
        '',
        `${fence}bash {name=one}`,
        `export BASH_ENV='${join(workspace.dir, 'evil.sh')}'`,
        fence,
        '',
        `${fence}bash {name=two}`,
        'echo two',
        fence,
        '',
      ].join('\n'),
    );
    const id = await startIncident(workspace.dir);
    const result = await runCli(['run', 'rb.md', '--step', 'one', '--step', 'two'], { cwd: workspace.dir });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(existsSync(marker), false);
    const notes = journal(workspace.dir, id).filter((event) => event.type === 'note');
    assert.ok(
      notes.some((event) => /Step 'one' exported BASH_ENV, not carried to later steps/.test(String(event.text))),
      JSON.stringify(notes),
    );
  });
});
