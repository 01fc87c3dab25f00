import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { writePinnedKubeconfig, type PinnedKubeconfig } from '../../src/kubernetes/pinned-kubeconfig.ts';
import { skipWithReason } from '../../../../test/support/skip-with-reason.ts';

/** kubectl on PATH, or undefined: the file is then checked with the client library only. */
function findKubectl(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '' ? found.stdout.trim() : undefined;
}

describe('writePinnedKubeconfig', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const pinned: PinnedKubeconfig[] = [];
  const pin = async (options: Partial<Parameters<typeof writePinnedKubeconfig>[0]> = {}) => {
    const written = await writePinnedKubeconfig({ env, context: 'prod', ...options });
    pinned.push(written);
    return written;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-pinned-'));
    mkdirSync(join(dir, 'certs'));
    writeFileSync(join(dir, 'certs', 'ca.crt'), 'not a real certificate\n');
    writeFileSync(
      join(dir, 'config'),
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: other',
        'clusters:',
        '- name: prod-cluster',
        '  cluster:',
        '    server: https://prod.example.test:6443',
        '    certificate-authority: certs/ca.crt',
        '- name: other-cluster',
        '  cluster:',
        '    server: https://other.example.test:6443',
        'users:',
        '- name: prod-user',
        '  user:',
        '    client-certificate: certs/me.crt',
        '    client-key: /abs/me.key',
        '    exec:',
        '      apiVersion: client.authentication.k8s.io/v1',
        '      command: ./bin/get-token',
        '      args: [--cluster, prod]',
        '- name: other-user',
        '  user:',
        '    token: other-secret',
        'contexts:',
        '- name: prod',
        '  context: { cluster: prod-cluster, user: prod-user, namespace: app }',
        '- name: other',
        '  context: { cluster: other-cluster, user: other-user }',
        '',
      ].join('\n'),
    );
    env = { KUBECONFIG: join(dir, 'config'), HOME: dir, PATH: process.env.PATH };
  });
  afterEach(async () => {
    for (const written of pinned.splice(0)) await written.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds only the context, its cluster and user, current, with absolute file references, in a private 0600 file', async () => {
    const written = await pin({ namespace: 'payments' });
    assert.equal(statSync(written.path).mode & 0o777, 0o600);
    assert.equal(statSync(dirname(written.path)).mode & 0o777, 0o700);
    const document = parse(readFileSync(written.path, 'utf8'));
    assert.equal(document['current-context'], 'prod');
    assert.deepEqual(document.contexts, [{ name: 'prod', context: { cluster: 'prod-cluster', user: 'prod-user', namespace: 'payments' } }]);
    assert.deepEqual(document.clusters, [
      { name: 'prod-cluster', cluster: { server: 'https://prod.example.test:6443', 'certificate-authority': join(dir, 'certs', 'ca.crt') } },
    ]);
    assert.equal(document.users.length, 1);
    assert.equal(document.users[0].user['client-certificate'], join(dir, 'certs', 'me.crt'));
    assert.equal(document.users[0].user['client-key'], '/abs/me.key');
    assert.equal(document.users[0].user.exec.command, join(dir, 'bin', 'get-token'));
    assert.deepEqual(document.users[0].user.exec.args, ['--cluster', 'prod']);
    assert.doesNotMatch(readFileSync(written.path, 'utf8'), /other/);
  });

  it("keeps the source context's namespace when none is given, and merges KUBECONFIG lists like kubectl", async () => {
    const second = join(dir, 'second');
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(
      second,
      'clusters:\n- name: split\n  cluster: { server: https://split.example.test, certificate-authority: ca.pem }\ncontexts:\n- name: split\n  context: { cluster: split, user: other-user }\n',
    );
    const written = await pin({ env: { ...env, KUBECONFIG: `${join(dir, 'missing')}${delimiter}${env.KUBECONFIG}${delimiter}${second}` }, context: 'split' });
    const document = parse(readFileSync(written.path, 'utf8'));
    assert.equal(document.clusters[0].cluster['certificate-authority'], join(dir, 'ca.pem'));
    assert.deepEqual(document.users, [{ name: 'other-user', user: { token: 'other-secret' } }]);
    assert.equal(document.contexts[0].context.namespace, undefined);
    const own = parse(readFileSync((await pin()).path, 'utf8'));
    assert.equal(own.contexts[0].context.namespace, 'app');
  });

  it('is gone after dispose, which may be called twice', async () => {
    const written = await pin();
    await written.dispose();
    await written.dispose();
    assert.equal(existsSync(dirname(written.path)), false);
  });

  it('throws for a context the kubeconfig does not define (a misuse: the guard checked it)', async () => {
    await assert.rejects(pin({ context: 'nope' }), /context 'nope' is not defined in .*config/);
    await assert.rejects(pin({ context: '' }), /options\.context must be a context name/);
  });

  it('leaves a client library no other context to pick', async () => {
    const written = await pin();
    const config = new KubeConfig();
    config.loadFromFile(written.path);
    assert.deepEqual(
      config.getContexts().map((context) => context.name),
      ['prod'],
    );
    assert.equal(config.getCurrentContext(), 'prod');
    assert.equal(config.getCurrentCluster()?.server, 'https://prod.example.test:6443');
    config.setCurrentContext('other');
    assert.equal(config.getCurrentCluster(), null);
  });

  it('makes kubectl in a bash or python step, and in a script the step writes, fail to select another context', async function () {
    const kubectl = findKubectl();
    if (!kubectl) skipWithReason(this, 'kubectl is not installed (Debian/Ubuntu: `apt-get install kubernetes-client` as root, or run `npm test` as root once)');
    const written = await pin();
    const stepEnv = { ...env, KUBECONFIG: written.path };
    const contexts = spawnSync(kubectl!, ['config', 'get-contexts', '-o', 'name'], { env: stepEnv, encoding: 'utf8' });
    assert.equal(contexts.stdout.trim(), 'prod');

    const bash = spawnSync('bash', ['-c', 'cat > "$WORK/fix.sh" <<\'EOF\'\nkubectl --context other config view --minify\nEOF\nbash "$WORK/fix.sh"'], {
      env: { ...stepEnv, WORK: dir },
      encoding: 'utf8',
    });
    assert.notEqual(bash.status, 0);
    assert.match(bash.stderr, /context was not found for specified context: other|context "other" does not exist|cannot locate context other/);

    const python = spawnSync(
      'python3',
      [
        '-c',
        'import subprocess, sys\nr = subprocess.run(["kubectl", "--context", "other", "config", "view", "--minify"], capture_output=True, text=True)\nsys.stderr.write(r.stderr)\nsys.exit(r.returncode)',
      ],
      { env: stepEnv, encoding: 'utf8' },
    );
    assert.notEqual(python.status, 0);
    assert.match(python.stderr, /cannot locate context other|context was not found for specified context: other/);
    // Without the pin the same step reaches the other context: the test can fail.
    const unpinned = spawnSync(kubectl!, ['--context', 'other', 'config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}'], {
      env,
      encoding: 'utf8',
    });
    assert.equal(unpinned.stdout, 'https://other.example.test:6443');
  });
});
