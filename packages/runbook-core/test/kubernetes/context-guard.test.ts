import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStepContext } from '../../src/kubernetes/guard/context-guard.ts';
import { resolveStepTargets } from '../../src/kubernetes/guard/step-targets.ts';
import { kubeconfigYaml } from './kubeconfig-fixture.ts';
import { kubeStep } from './kube-step.ts';

describe('checkStepContext', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const meta = { kubernetes: { context: 'prod', namespace: 'app' } };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-guard-'));
    writeFileSync(
      join(dir, 'config'),
      kubeconfigYaml('prod', [
        { name: 'prod', namespace: 'app' },
        { name: 'staging', namespace: 'app' },
        { name: 'ghost-cluster', cluster: 'nowhere', server: null },
      ]),
    );
    writeFileSync(
      join(dir, 'staging'),
      kubeconfigYaml('staging', [
        { name: 'prod', namespace: 'app' },
        { name: 'staging', namespace: 'app' },
      ]),
    );
    env = { KUBECONFIG: join(dir, 'config'), HOME: dir };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('allows a step whose kubectl commands hit the declared context', async () => {
    const result = await checkStepContext(kubeStep('kubectl get pods\n\nkubectl rollout restart deployment/api -n app'), { meta, env });
    assert.equal(result.allowed, true);
    assert.equal(result.code, 'allowed');
    assert.equal(result.expected, 'prod');
    assert.equal(result.actual, 'prod');
    assert.equal(result.targets.length, 2);
  });

  it('refuses when the current context is another, naming both', async () => {
    const result = await checkStepContext(kubeStep('kubectl rollout restart deployment/api -n app', { name: 'restart-api' }), {
      meta,
      env: { ...env, KUBECONFIG: join(dir, 'staging') },
    });
    assert.equal(result.allowed, false);
    assert.equal(result.code, 'context-mismatch');
    assert.equal(result.expected, 'prod');
    assert.equal(result.actual, 'staging');
    assert.match(
      result.reason,
      /step 'restart-api' expects context 'prod' but `kubectl rollout restart deployment\/api -n app` \(command 1\) would run against 'staging' \(current context of .*staging\)/,
    );
  });

  it('refuses a --context flag inside a command that names another context', async () => {
    const result = await checkStepContext(kubeStep('kubectl get pods\n\nkubectl --context staging delete pod x -n app'), { meta, env });
    assert.equal(result.allowed, false);
    assert.equal(result.actual, 'staging');
    assert.match(result.reason, /\(command 2\) would run against 'staging' \(its context flag\)/);
  });

  it('follows --kubeconfig, KUBECONFIG=… and export KUBECONFIG inside the step', async () => {
    const staging = join(dir, 'staging');
    for (const code of [
      `kubectl --kubeconfig ${staging} get pods`,
      `KUBECONFIG=${staging} kubectl get pods`,
      `export KUBECONFIG=${staging}\n\nkubectl get pods`,
    ]) {
      const result = await checkStepContext(kubeStep(code), { meta, env });
      assert.equal(result.allowed, false, code);
      assert.equal(result.actual, 'staging', code);
    }
  });

  it('follows a use-context earlier in the same step', async () => {
    const result = await checkStepContext(kubeStep('kubectl config use-context staging\n\nkubectl get pods'), { meta, env });
    assert.equal(result.allowed, false);
    assert.equal(result.actual, 'staging');
    assert.match(result.reason, /switched earlier in the step/);
  });

  it('resolves a context given by a variable from the step environment, and refuses when unknown', async () => {
    const step = kubeStep('kubectl --context "$TARGET" get pods');
    assert.equal((await checkStepContext(step, { meta, env: { ...env, TARGET: 'prod' } })).allowed, true);
    const unknown = await checkStepContext(step, { meta, env });
    assert.equal(unknown.allowed, false);
    assert.equal(unknown.code, 'context-unknown');
    assert.match(unknown.reason, /"\$TARGET" is only known at run time/);
  });

  it('refuses a command that points past the context with --server', async () => {
    const result = await checkStepContext(kubeStep('kubectl --server https://10.1.1.1 get pods'), { meta, env });
    assert.equal(result.code, 'context-unknown');
    assert.match(result.reason, /--server points past the kubeconfig context/);
  });

  it('refuses with a clear reason for an unreadable kubeconfig, a missing or unset context', async () => {
    const missingFile = await checkStepContext(kubeStep('kubectl get pods'), { meta, env: { ...env, KUBECONFIG: join(dir, 'nope') } });
    assert.equal(missingFile.allowed, false);
    assert.equal(missingFile.code, 'kubeconfig-not-found');
    assert.match(missingFile.reason, /expects context 'prod', but `kubectl get pods` \(command 1\): no kubeconfig found/);

    writeFileSync(join(dir, 'bad'), 'contexts: [oops');
    const invalid = await checkStepContext(kubeStep('kubectl get pods'), { meta, env: { ...env, KUBECONFIG: join(dir, 'bad') } });
    assert.equal(invalid.code, 'kubeconfig-invalid');

    writeFileSync(join(dir, 'orphan'), kubeconfigYaml('prod', [{ name: 'staging' }]));
    const missingContext = await checkStepContext(kubeStep('kubectl get pods'), { meta, env: { ...env, KUBECONFIG: join(dir, 'orphan') } });
    assert.equal(missingContext.code, 'context-missing');
    assert.match(missingContext.reason, /context 'prod' is not defined in .*orphan/);

    writeFileSync(join(dir, 'unset'), kubeconfigYaml(undefined, [{ name: 'prod' }]));
    const unset = await checkStepContext(kubeStep('kubectl get pods'), { meta, env: { ...env, KUBECONFIG: join(dir, 'unset') } });
    assert.equal(unset.code, 'no-current-context');
  });

  it('refuses a command without -n that would fall into another namespace, allows an explicit one', async () => {
    writeFileSync(join(dir, 'other-ns'), kubeconfigYaml('prod', [{ name: 'prod', namespace: 'default' }]));
    const other = { ...env, KUBECONFIG: join(dir, 'other-ns') };
    const implicit = await checkStepContext(kubeStep('kubectl rollout restart deployment/api'), { meta, env: other });
    assert.equal(implicit.allowed, false);
    assert.equal(implicit.code, 'namespace-mismatch');
    assert.equal(implicit.actualNamespace, 'default');
    assert.match(implicit.reason, /expects namespace 'app' but .* has no -n and would use 'default' \(the namespace of context 'prod'\)/);
    assert.equal((await checkStepContext(kubeStep('kubectl rollout restart deployment/api -n app'), { meta, env: other })).allowed, true);
    assert.equal((await checkStepContext(kubeStep('kubectl get pods -n kube-system'), { meta, env: other })).allowed, true);
    assert.equal((await checkStepContext(kubeStep('kubectl get pods -A'), { meta, env: other })).allowed, true);
    assert.equal(
      (await checkStepContext(kubeStep('kubectl get -o wide nodes\n\nkubectl cordon node-1\n\nkubectl version'), { meta, env: other })).allowed,
      true,
    );
  });

  it("takes the step's own context= and namespace= over the runbook's", async () => {
    const step = kubeStep('kubectl get pods', { context: 'staging' });
    const result = await checkStepContext(step, { meta, env });
    assert.equal(result.expected, 'staging');
    assert.equal(result.allowed, false);
  });

  it('lets an explicit override accept another context, and records it', async () => {
    const step = kubeStep('kubectl get pods');
    const stagingEnv = { ...env, KUBECONFIG: join(dir, 'staging') };
    const accepted = await checkStepContext(step, { meta, env: stagingEnv, override: 'staging' });
    assert.equal(accepted.allowed, true);
    assert.deepEqual(accepted.override, { context: 'staging', declared: 'prod' });
    assert.match(accepted.reason, /override of the declared 'prod'/);
    // The override names what the user accepts; a command hitting anything else is still refused.
    const wrong = await checkStepContext(step, { meta, env, override: 'staging' });
    assert.equal(wrong.allowed, false);
    assert.equal(wrong.actual, 'prod');
  });

  it('lets steps without cluster commands or without a declared context through, saying why', async () => {
    const local = await checkStepContext(kubeStep('df -h | sort -n'), { meta, env });
    assert.equal(local.code, 'no-cluster');
    assert.equal(local.allowed, true);
    const undeclared = await checkStepContext(kubeStep('kubectl get pods'), { env });
    assert.equal(undeclared.code, 'not-declared');
    assert.equal(undeclared.actual, 'prod');
  });

  it('guards API steps (k8s-health, runsOn=job) against the current context', async () => {
    const health = kubeStep('', { namespace: 'app' }, { lang: 'k8s-health' });
    const refused = await checkStepContext(health, { meta, env: { ...env, KUBECONFIG: join(dir, 'staging') } });
    assert.equal(refused.allowed, false);
    assert.match(refused.reason, /the k8s-health step would run against 'staging'/);
    const job = kubeStep('echo hi', { runsOn: 'job' });
    const plan = await resolveStepTargets(job, { meta, env });
    assert.deepEqual(
      plan.targets.map(({ program, context, namespace }) => ({ program, context, namespace })),
      [{ program: 'api', context: 'prod', namespace: 'app' }],
    );
  });

  it('refuses a cluster client hidden where the guard cannot read it, saying what and where', async () => {
    const step = kubeStep('echo pods | xargs -I{} sh -c "$(printf kubectl) delete {}"');
    const result = await checkStepContext(step, { meta, env });
    assert.equal(result.allowed, false);
    assert.equal(result.code, 'unreadable');
    assert.match(result.reason, /xargs runs sh with arguments read from its input.*\(line 1, command 1\)/);
  });

  it("plans every command of the user's investigation script with the context and namespace it hits", async () => {
    const code = [
      'kubectl get nodes',
      'kubectl get pods --all-namespaces | grep -v Running',
      'kubectl rollout history deployment/smartcloudops-api -n smartcloudops | tail -5',
      'curl -s "http://prometheus:9090/api/v1/alerts" | jq .',
    ].join('\n\n');
    const plan = await resolveStepTargets(kubeStep(code), { meta: { kubernetes: { context: 'prod', namespace: 'smartcloudops' } }, env });
    assert.deepEqual(
      plan.targets.map(({ commandIndex, context, namespace, namespaceSource }) => [commandIndex, context, namespace, namespaceSource]),
      [
        [0, 'prod', undefined, 'cluster-scoped'],
        [1, 'prod', '*', 'all-namespaces'],
        [2, 'prod', 'smartcloudops', 'flag'],
      ],
    );
  });
});
