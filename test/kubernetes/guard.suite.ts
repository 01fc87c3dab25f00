import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkStepContext, parseRunbook, type Runbook } from '../../packages/runbook-core/src/index.ts';
import { writePinnedKubeconfig } from '../../packages/runbook-core/src/kubernetes/index.ts';
import type { KubernetesWorld } from './world.ts';

const runbookText = `---
title: Guarded
kubernetes:
  context: prod-test
  namespace: prod
---

# Guarded

\`\`\`bash {name=restart confirm=true}
kubectl rollout restart deployment/api -n prod
\`\`\`

\`\`\`bash {name=pods}
kubectl get pods
kubectl get nodes
\`\`\`

\`\`\`bash {name=staging-peek}
kubectl --context staging-test get pods -n staging
\`\`\`

\`\`\`bash {name=down-peek}
kubectl --context down-test get pods -n prod
\`\`\`

\`\`\`k8s-health {namespace=prod}
\`\`\`
`;

export function guardSuite(world: KubernetesWorld): void {
  describe('context guard with real kubeconfigs and kubectl', () => {
    let runbook: Runbook;
    let kubeconfig: string;
    const kubectl = (...args: string[]) =>
      execFileSync(world.cluster.kubectl, args, { env: { ...process.env, KUBECONFIG: kubeconfig }, encoding: 'utf8' }).trim();
    const guard = (name: string, extra: { override?: string } = {}) => {
      const step = runbook.steps.find((candidate) => (candidate.name ?? candidate.lang) === name)!;
      return checkStepContext(step, { meta: runbook.meta, env: { KUBECONFIG: kubeconfig, HOME: world.cluster.dir }, ...extra });
    };

    before(() => {
      runbook = parseRunbook(runbookText, { path: 'guarded.md' });
      kubeconfig = join(world.cluster.dir, 'guard-kubeconfig');
      copyFileSync(world.cluster.kubeconfig, kubeconfig);
    });

    it('allows steps on the declared context and refuses those naming another, on the same server or another', async () => {
      assert.equal(kubectl('config', 'current-context'), 'prod-test');
      for (const name of ['restart', 'pods', 'k8s-health']) {
        const result = await guard(name);
        assert.equal(result.allowed, true, `${name}: ${result.reason}`);
        assert.equal(result.actual, 'prod-test');
        assert.deepEqual(result.pin, { context: 'prod-test', namespace: 'prod', server: world.cluster.server });
      }
      for (const [name, context] of [
        ['staging-peek', 'staging-test'],
        ['down-peek', 'down-test'],
      ] as const) {
        const peek = await guard(name);
        assert.equal(peek.allowed, false, name);
        assert.equal(peek.code, 'context-mismatch', name);
        assert.match(
          peek.reason,
          new RegExp(
            `step '${name}' expects context 'prod-test' but \`kubectl --context ${context} get pods -n \\w+\` \\(command 1\\) would run against '${context}' \\(its context flag\\) at https://127\\.0\\.0\\.1:\\d+`,
          ),
        );
      }
      // kubectl itself reaches the server with that context.
      assert.match(kubectl('--context', 'staging-test', 'get', 'namespaces', '-o', 'name'), /namespace\/staging/);
    });

    it('refuses after `kubectl config use-context` switches the kubeconfig to another server, and accepts an explicit override', async () => {
      kubectl('config', 'use-context', 'down-test');
      assert.equal(kubectl('config', 'view', '--minify', '-o', 'jsonpath={.contexts[0].name}'), 'down-test');
      const restart = await guard('restart');
      assert.equal(restart.allowed, false);
      assert.deepEqual([restart.expected, restart.actual], ['prod-test', 'down-test']);
      assert.match(restart.reason, /would run against 'down-test' \(current context of .*guard-kubeconfig\)/);
      assert.match(restart.hint ?? '', /^run `kubectl config use-context prod-test`.*--context down-test$/);
      const health = await guard('k8s-health');
      assert.equal(health.allowed, false);

      const overridden = await guard('restart', { override: 'down-test' });
      assert.equal(overridden.allowed, true);
      assert.deepEqual(overridden.override, { context: 'down-test', declared: 'prod-test' });
      kubectl('config', 'use-context', 'prod-test');
    });

    it('refuses a kubeconfig that defines the declared context name on another server', async () => {
      const impostor = join(world.cluster.dir, 'impostor-kubeconfig');
      const text = readFileSync(world.cluster.kubeconfig, 'utf8');
      const document = JSON.parse(text) as { contexts: Array<{ name: string; context: { cluster: string } }> };
      for (const context of document.contexts) if (context.name === 'prod-test') context.context.cluster = 'down';
      writeFileSync(impostor, JSON.stringify(document));
      const step = parseRunbook(runbookText.replace('kubectl rollout restart deployment/api -n prod', `kubectl --kubeconfig ${impostor} get pods -n prod`), {
        path: 'guarded.md',
      }).steps.find((candidate) => candidate.name === 'restart')!;
      const result = await checkStepContext(step, { meta: runbook.meta, env: { KUBECONFIG: kubeconfig, HOME: world.cluster.dir } });
      assert.equal(result.allowed, false);
      assert.equal(result.code, 'context-mismatch');
      assert.match(result.reason, /would reach https:\/\/127\.0\.0\.1:\d+ through a context of the same name/);
    });

    it('pins a step to the declared context: kubectl reaches the server with its credentials and namespace, and no other context', async () => {
      const pinned = await writePinnedKubeconfig({ kubeconfigPath: kubeconfig, env: {}, context: 'viewer-test', namespace: 'prod' });
      try {
        const run = (...args: string[]) => spawnSync(world.cluster.kubectl, args, { env: { ...process.env, KUBECONFIG: pinned.path }, encoding: 'utf8' });
        const pods = run('get', 'pods', '-o', 'name');
        assert.equal(pods.status, 0, pods.stderr);
        const who = run('auth', 'can-i', 'list', 'pods', '-n', 'staging');
        assert.equal(who.stdout.trim(), 'no');
        const other = run('--context', 'prod-test', 'get', 'namespaces');
        assert.notEqual(other.status, 0);
        assert.match(other.stderr, /cannot locate context prod-test|context was not found/);
      } finally {
        await pinned.dispose();
      }
    });

    it('refuses when the current context is not defined, as kubectl fails', async () => {
      kubectl('config', 'set', 'current-context', 'ghost-test');
      const failed = spawnSync(world.cluster.kubectl, ['get', 'pods'], { env: { ...process.env, KUBECONFIG: kubeconfig }, encoding: 'utf8' });
      assert.notEqual(failed.status, 0);
      const result = await guard('pods');
      assert.equal(result.allowed, false);
      assert.equal(result.code, 'context-mismatch');
      assert.equal(result.actual, 'ghost-test');
      const overridden = await guard('pods', { override: 'ghost-test' });
      assert.equal(overridden.code, 'context-missing');
      assert.match(overridden.reason, /context 'ghost-test' is not defined in .*guard-kubeconfig/);
      kubectl('config', 'use-context', 'prod-test');
    });

    it('refuses with the reason when the kubeconfig cannot be read', async () => {
      const step = runbook.steps.find((candidate) => candidate.name === 'restart')!;
      const result = await checkStepContext(step, { meta: runbook.meta, env: { KUBECONFIG: world.cluster.dir } });
      assert.equal(result.allowed, false);
      assert.equal(result.code, 'kubeconfig-unreadable');
      assert.match(result.reason, /cannot read kubeconfig .* \(from KUBECONFIG\)/);
    });

    it("refuses every cluster step of the project's SmartCloudOps runbook on a cluster that is not smartcloudops-prod", async () => {
      const source = readFileSync(new URL('../../runbooks/smartcloudops-incident-response.md', import.meta.url), 'utf8');
      const smartcloudops = parseRunbook(source, { path: 'runbooks/smartcloudops-incident-response.md' });
      const verdicts = await Promise.all(
        smartcloudops.steps.map((step) => checkStepContext(step, { meta: smartcloudops.meta, env: { KUBECONFIG: kubeconfig } })),
      );
      const cluster = verdicts.filter((verdict) => verdict.code !== 'no-cluster');
      assert.ok(cluster.length >= 5, `cluster steps: ${cluster.length}`);
      for (const verdict of cluster) {
        assert.equal(verdict.allowed, false, verdict.reason);
        assert.equal(verdict.expected, 'smartcloudops-prod');
        assert.equal(verdict.actual, 'prod-test');
      }
      assert.ok(
        verdicts.some((verdict) => verdict.code === 'no-cluster' && verdict.allowed),
        'steps without kubectl run anywhere',
      );
    });
  });
}
