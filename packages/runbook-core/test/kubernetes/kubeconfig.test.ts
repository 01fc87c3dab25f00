import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { readCurrentKubeContext } from '../../src/kubernetes/current-context.ts';
import { kubeconfigPaths, readKubeconfig } from '../../src/kubernetes/kubeconfig.ts';
import { kubeconfigYaml } from './kubeconfig-fixture.ts';

describe('readKubeconfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-kubeconfig-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('looks where kubectl looks: --kubeconfig, else KUBECONFIG, else ~/.kube/config', () => {
    assert.deepEqual(kubeconfigPaths({ kubeconfig: 'k', cwd: '/w', env: { KUBECONFIG: '/a' } }), { paths: ['/w/k'], origin: '--kubeconfig' });
    assert.deepEqual(kubeconfigPaths({ env: { KUBECONFIG: `/a${delimiter}${delimiter}/b${delimiter}/a` } }), { paths: ['/a', '/b'], origin: 'KUBECONFIG' });
    assert.deepEqual(kubeconfigPaths({ env: { HOME: '/home/me' } }), { paths: ['/home/me/.kube/config'], origin: 'default' });
  });

  it('merges KUBECONFIG files like kubectl: the first current-context and the first definition of a name win', async () => {
    const first = write('first', kubeconfigYaml('prod', [{ name: 'prod', namespace: 'app' }]));
    const second = write('second', kubeconfigYaml('staging', [{ name: 'prod', namespace: 'other' }, { name: 'staging' }]));
    const read = await readKubeconfig({ env: { KUBECONFIG: `${first}${delimiter}${join(dir, 'missing')}${delimiter}${second}` } });
    assert.ok(read.ok);
    assert.equal(read.kubeconfig.currentContext, 'prod');
    assert.deepEqual(
      read.kubeconfig.contexts.map((context) => [context.name, context.namespace ?? null, context.file]),
      [
        ['prod', 'app', first],
        ['staging', null, second],
      ],
    );
    assert.deepEqual(read.kubeconfig.files, [first, second]);
  });

  it('reports a missing explicit file, an unreadable one and invalid YAML with the file name', async () => {
    const missing = await readKubeconfig({ kubeconfig: join(dir, 'nope') });
    assert.ok(!missing.ok);
    assert.equal(missing.problem.code, 'kubeconfig-not-found');
    assert.match(missing.problem.reason, /nope \(from --kubeconfig\): no such file/);

    const broken = write('broken', 'clusters: [\n  - name: x\n');
    const invalid = await readKubeconfig({ kubeconfig: broken });
    assert.ok(!invalid.ok);
    assert.equal(invalid.problem.code, 'kubeconfig-invalid');
    assert.match(invalid.problem.reason, /broken is not valid YAML/);

    const directory = join(dir, 'a-directory');
    mkdirSync(directory);
    const unreadable = await readKubeconfig({ kubeconfig: directory });
    assert.ok(!unreadable.ok);
    assert.equal(unreadable.problem.code, 'kubeconfig-unreadable');
  });

  it('says so when no file in KUBECONFIG exists', async () => {
    const read = await readKubeconfig({ env: { KUBECONFIG: join(dir, 'a') } });
    assert.ok(!read.ok);
    assert.match(read.problem.reason, /none of the files in KUBECONFIG exist/);
  });

  it('reads the current context with its namespace and server, or says why not', async () => {
    const file = write('config', kubeconfigYaml('prod', [{ name: 'prod', namespace: 'app' }, { name: 'dev' }]));
    const current = await readCurrentKubeContext({ kubeconfig: file });
    assert.ok(current.ok);
    assert.deepEqual(current.current, { context: 'prod', namespace: 'app', cluster: 'prod', server: 'https://prod.example.test:6443', files: [file] });
    const dev = await readCurrentKubeContext({ kubeconfig: file, context: 'dev' });
    assert.ok(dev.ok);
    assert.equal(dev.current.namespace, 'default');
    const missing = await readCurrentKubeContext({ kubeconfig: file, context: 'gone' });
    assert.ok(!missing.ok);
    assert.equal(missing.problem.code, 'context-missing');
    const none = await readCurrentKubeContext({ kubeconfig: write('none', kubeconfigYaml(undefined, [{ name: 'prod' }])) });
    assert.ok(!none.ok);
    assert.equal(none.problem.code, 'no-current-context');
  });
});
