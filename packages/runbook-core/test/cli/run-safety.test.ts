import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeKubeApi } from '../kubernetes/fake-kube-api.ts';
import { incidentFiles, journal, runCli, startIncident, useWorkspace } from './cli-harness.ts';

const token = 's3cr3t-Token-8d1f0c';

describe('runbook run: secrets', () => {
  const workspace = useWorkspace('secrets.md');
  const cli = (argv: string[], options: { interactive?: boolean; input?: string } = {}) => runCli(argv, { cwd: workspace.dir, ...options });

  it('redacts a --var secret in stdout, stderr, the journal and the logs; secrets given and exported keep only their name', async () => {
    const id = await startIncident(workspace.dir);
    const result = await cli(['run', 'secrets.md', '--step', 'call', '--step', 'use-header', '--var', `API_TOKEN=${token}`]);
    assert.equal(result.code, 0, result.stderr);
    // A value holding a secret is a secret as a whole from then on.
    assert.equal(result.stdout, 'calling status with ***\nheader is ***; called status\n');
    assert.match(result.stderr, /token on stderr: \*\*\*/);
    for (const text of [result.stdout, result.stderr, incidentFiles(workspace.dir, id)]) assert.ok(!text.includes(token));
    const variables = journal(workspace.dir, id).filter((event) => event.type === 'variable-set');
    assert.deepEqual(
      variables.map((event) => [event.name, event.secret, event.value]),
      [
        ['API_TOKEN', true, undefined],
        ['AUTH_HEADER', true, undefined],
        ['CALLED', false, 'status'],
      ],
    );
  });

  it('keeps secret exports in memory only: a later process does not get them', async () => {
    await startIncident(workspace.dir);
    await cli(['run', 'secrets.md', '--step', 'call', '--var', `API_TOKEN=${token}`]);
    const later = await cli(['run', 'secrets.md', '--step', 'use-header']);
    assert.equal(later.code, 2);
    assert.match(later.stderr, /AUTH_HEADER, read by use-header: pass --var AUTH_HEADER=…; step call exports it/);
  });

  it('asks for a secret without showing it, and redacts what was typed', async () => {
    const result = await cli(['run', 'secrets.md', '--step', 'call'], { interactive: true, input: `${token}\n` });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /API_TOKEN — Token of the status API\. \(secret, not shown\): \n/);
    assert.ok(!result.stderr.includes(token) && !result.stdout.includes(token));
    assert.equal(result.stdout, 'calling status with ***\n');
  });

  it('JSON output is redacted too', async () => {
    const result = await cli(['run', 'secrets.md', '--step', 'call', '--var', `API_TOKEN=${token}`, '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!result.stdout.includes(token));
    assert.match(result.stdout, /"stdout": "calling status with \*\*\*\\n"/);
  });
});

describe('runbook run: the Kubernetes context guard', () => {
  const workspace = useWorkspace('kube.md');
  const kubeconfig = (current: string, namespaces: Record<string, string> = {}) => {
    const file = join(workspace.dir, 'kubeconfig.yaml');
    const context = (name: string) => [
      `- name: ${name}`,
      '  context:',
      '    cluster: local',
      '    user: me',
      ...(namespaces[name] ? [`    namespace: ${namespaces[name]}`] : []),
    ];
    // Port 9 refuses connections: a command that gets past the guard fails fast.
    const lines = [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${current}`,
      'clusters:',
      '- name: local',
      '  cluster:',
      '    server: https://127.0.0.1:9',
      'users:',
      '- name: me',
      '  user:',
      '    token: t0ken-of-the-test',
      'contexts:',
      ...context('prod'),
      ...context('staging'),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    return { KUBECONFIG: file };
  };
  const cli = (argv: string[], env: NodeJS.ProcessEnv, options: { interactive?: boolean; input?: string } = {}) =>
    runCli(argv, { cwd: workspace.dir, env, ...options });

  it('refuses a step whose cluster command would hit another context (exit 3), naming expected and actual', async () => {
    const id = await startIncident(workspace.dir);
    const result = await cli(['run', 'kube.md', '--step', 'pods'], kubeconfig('staging'));
    assert.equal(result.code, 3);
    assert.match(
      result.stderr,
      /pods refused: context guard: step 'pods' expects context 'prod' but `kubectl get pods --request-timeout=2s` \(command 1\) would run against 'staging'/,
    );
    assert.match(result.stderr, /pass --context staging/);
    const refused = journal(workspace.dir, id).find((event) => event.type === 'step-refused');
    assert.match(String(refused?.reason), /expects context 'prod' but .* 'staging'/);
    assert.equal(
      journal(workspace.dir, id).some((event) => event.type === 'step-started'),
      false,
    );
  });

  it('runs with --context naming the actual context, and the journal records the override', async () => {
    const id = await startIncident(workspace.dir);
    const result = await cli(['run', 'kube.md', '--step', 'pods', '--context', 'staging'], kubeconfig('staging', { staging: 'shop' }));
    // Past the guard, kubectl itself fails: nothing listens on the kubeconfig's server.
    assert.equal(result.code, 1, result.stderr);
    const events = journal(workspace.dir, id);
    const note = events.find((event) => event.type === 'note');
    assert.equal(note?.text, "Kube context override for step 'pods': ran against 'staging' instead of the declared 'prod' (--context)");
    assert.deepEqual(
      events.filter((event) => String(event.type).startsWith('step-')).map((event) => event.type),
      ['step-started', 'step-finished'],
    );
  });

  it('refuses a command without -n that would fall into another namespace', async () => {
    const result = await cli(['run', 'kube.md', '--step', 'restart', '--yes'], kubeconfig('prod'));
    assert.equal(result.code, 3);
    assert.match(result.stderr, /expects namespace 'shop' but `kubectl rollout restart deployment\/web` \(command 1\) has no -n and would use 'default'/);
    assert.match(result.stderr, /give the command -n shop/);
  });

  it('shows the context and namespace a risky cluster step will hit in its confirmation', async () => {
    const result = await cli(['run', 'kube.md', '--step', 'restart'], kubeconfig('prod', { prod: 'shop' }), { interactive: true, input: 'no\n' });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /\[1\] mutate {2}kubectl rollout restart deployment\/web/);
    assert.match(result.stderr, /Run 1 command in prod\/shop\? \[y\/N, d = details\]/);
  });

  it('plans without running: the guard verdict per step', async () => {
    const result = await cli(['plan', 'kube.md'], kubeconfig('staging'));
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /── pods \n[\s\S]*Cluster targets \(context\/namespace\): staging\/default\nContext guard: REFUSES — step 'pods' expects context 'prod'/,
    );
  });
});

describe('runbook run: a k8s-health step against a Kubernetes API', () => {
  const workspace = useWorkspace('health.md');
  let api: FakeKubeApi;

  before(async () => {
    api = await FakeKubeApi.start();
    api.put('/api/v1/nodes', { metadata: { name: 'node-a' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
  });
  after(() => api.close());

  it('runs the native health check in the incident, with its report as output and log', async () => {
    const id = await startIncident(workspace.dir);
    const result = await runCli(['run', 'health.md'], { cwd: workspace.dir, env: { KUBECONFIG: api.kubeconfig } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^KUBERNETES HEALTH: HEALTHY/);
    const finished = journal(workspace.dir, id).find((event) => event.type === 'step-finished');
    assert.equal(finished?.exitCode, 0);
    assert.match(incidentFiles(workspace.dir, id), /KUBERNETES HEALTH: HEALTHY/);
  });

  it('is refused when the kubeconfig points elsewhere', async () => {
    const other = join(workspace.dir, 'other.yaml');
    writeFileSync(
      other,
      'apiVersion: v1\nkind: Config\ncurrent-context: elsewhere\nclusters: []\nusers: []\ncontexts:\n- name: elsewhere\n  context:\n    cluster: none\n    user: none\n',
    );
    const result = await runCli(['run', 'health.md'], { cwd: workspace.dir, env: { KUBECONFIG: other } });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /expects context 'fake'/);
  });
});
