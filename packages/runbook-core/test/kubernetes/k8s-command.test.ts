import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FakeKubeApi } from './fake-kube-api.ts';
import { runCli } from './run-cli.ts';

describe('runbook k8s', () => {
  let api: FakeKubeApi;
  let kubeconfig: string;

  before(async () => {
    api = await FakeKubeApi.start();
    kubeconfig = api.kubeconfig;
    api.put('/api/v1/nodes', { metadata: { name: 'node-a' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
  });
  after(() => api.close());

  it('prints the health report and exits 0 when healthy, 1 when not', async () => {
    const healthy = await runCli(['k8s', 'health', '--kubeconfig', kubeconfig]);
    assert.equal(healthy.code, 0, healthy.stderr);
    assert.match(healthy.stdout, /^KUBERNETES HEALTH: HEALTHY {2}fake · namespace prod · /);
    api.put('/api/v1/namespaces/prod/pods', { metadata: { name: 'broken' }, spec: { containers: [{ name: 'app' }] }, status: { phase: 'Pending' } });
    const problems = await runCli(['k8s', 'health', '--format', 'json'], { KUBECONFIG: kubeconfig });
    assert.equal(problems.code, 1);
    assert.deepEqual(
      (JSON.parse(problems.stdout) as { pods: { problems: Array<{ name: string }> } }).pods.problems.map((pod) => pod.name),
      ['broken'],
    );
  });

  it('shows the current context', async () => {
    const shown = await runCli(['k8s', 'context', '--kubeconfig', kubeconfig]);
    assert.equal(shown.code, 0);
    assert.equal(shown.stdout, `fake  namespace prod  ${api.url}\n`);
  });

  it('exits 2 with a reason for bad usage and an unreadable kubeconfig', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['k8s'], /missing subcommand: health or context/],
      [['k8s', 'status'], /unknown subcommand 'status'/],
      [['k8s', 'health', '--format', 'xml'], /--format must be text or json, not 'xml'/],
      [['k8s', 'health', '--events', '0'], /--events must be a positive whole number, not '0'/],
      [['k8s', 'health', '--kubeconfig', join(api.dir, 'missing')], /cannot read kubeconfig .*missing \(from --kubeconfig\): no such file/],
      [['k8s', 'context', '--kubeconfig', kubeconfig, '--context', 'other'], /context 'other' is not defined/],
    ];
    for (const [argv, message] of cases) {
      const run = await runCli(argv);
      assert.equal(run.code, 2, argv.join(' '));
      assert.match(run.stderr, message, argv.join(' '));
    }
  });
});
