import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseRunbook, planStep, runStep, type ConfirmRequest, type Runbook, type Step } from 'runbook-core';
import { fakePrograms, writeKubeconfig } from './fake-programs.ts';
import { useTempDir } from './temp-dir.ts';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';

describe("runStep on the user's runbook", () => {
  const dir = useTempDir();
  let runbook: Runbook;
  const stepIn = (section: string): Step => {
    const step = runbook.steps.find((candidate) => candidate.section === section);
    assert.ok(step, `a step in ${section}`);
    return step;
  };

  before(function () {
    const seedPath = requireMaterial(this, userRunbookPath(), 'user runbook');
    runbook = parseRunbook(readFileSync(seedPath, 'utf8'), { path: seedPath });
  });

  const alternatives: Array<[string, RegExp[], 'mutate' | 'destroy']> = [
    ['1', [/^kubectl rollout restart deployment\/smartcloudops-api -n smartcloudops$/], 'mutate'],
    ['2', [/^kubectl scale deployment smartcloudops-api --replicas=10 -n smartcloudops$/], 'mutate'],
    ['3', [/^kubectl patch ingress smartcloudops-ingress -n smartcloudops -p \nspec:\n {2}rules:[\s\S]*name: maintenance-page/], 'mutate'],
    ['4', [/^aws rds failover-db-cluster --db-cluster-identifier smartcloudops-prod-cluster$/], 'destroy'],
    [
      '5',
      [/^kubectl rollout undo deployment\/smartcloudops-api -n smartcloudops$/, /^kubectl rollout undo deployment\/smartcloudops-worker -n smartcloudops$/],
      'destroy',
    ],
    ['6', [/^kubectl patch configmap smartcloudops-config -n smartcloudops -p \ndata:\n {2}CIRCUIT_BREAKER_ENABLED: "true"/], 'mutate'],
  ];

  for (const [alternative, expected, risk] of alternatives) {
    it(`runs mitigation alternative ${alternative} alone, after a confirmation naming its risk and target`, async () => {
      const fakes = fakePrograms(dir.path, ['kubectl', 'aws']);
      const kubeconfig = writeKubeconfig(dir.path, 'staging-eu', 'smartcloudops');
      const requests: ConfirmRequest[] = [];
      const result = await runStep(stepIn('immediate-mitigation-options'), {
        runbookDir: dir.path,
        commands: [alternative],
        env: { ...fakes.env, KUBECONFIG: kubeconfig },
        confirm: (request) => {
          requests.push(request);
          return true;
        },
      });
      assert.equal(result.exitCode, 0, result.message);
      const calls = fakes.calls();
      assert.equal(calls.length, expected.length, calls.join('\n'));
      for (const [index, pattern] of expected.entries()) assert.match(calls[index] ?? '', pattern);
      assert.equal(requests.length, 1);
      const [request] = requests;
      assert.equal(request?.reason, 'risk');
      assert.equal(request?.plan.risk, risk);
      assert.equal(result.risk, risk);
      assert.deepEqual(
        result.commands,
        request?.plan.commands.map((command) => command.index),
      );
      assert.ok(request?.plan.commands.every((command) => command.heading?.startsWith(`${alternative}. `)));
      if (alternative === '4') {
        assert.equal(request?.plan.target.kubernetes, undefined);
      } else {
        assert.deepEqual(request?.plan.target.kubernetes, { context: 'staging-eu', namespace: 'smartcloudops', source: 'kubeconfig' });
        assert.match(request?.text ?? '', /Kubernetes context: staging-eu \(from kubeconfig\); a command without -n uses namespace smartcloudops/);
      }
    });
  }

  it('refuses the mitigation block without a confirm callback or yes, and runs nothing', async () => {
    const fakes = fakePrograms(dir.path, ['kubectl', 'aws']);
    const result = await runStep(stepIn('immediate-mitigation-options'), { runbookDir: dir.path, commands: ['1'], env: fakes.env });
    assert.equal(result.refused, true);
    assert.equal(result.failed, true);
    assert.equal(result.pid, undefined);
    assert.match(result.message, /its commands mutate and no confirm callback was given; pass yes: true to run it unattended \(CLI: --yes\)/);
    assert.deepEqual(fakes.calls(), []);
  });

  it('runs one section of the investigation script by its number', async () => {
    const fakes = fakePrograms(dir.path, ['kubectl']);
    const result = await runStep(stepIn('technical-investigation-workflow'), { runbookDir: dir.path, commands: ['1'], env: fakes.env });
    assert.equal(result.exitCode, 0, result.message);
    assert.equal(result.stdout, '1. SYSTEM HEALTH STATUS\n\n');
    assert.deepEqual(fakes.calls(), ['kubectl get nodes', 'kubectl get pods --all-namespaces']);
  });

  it('plans every step of the runbook without running anything', () => {
    for (const step of runbook.steps) {
      const plan = planStep(step, { runbookDir: dir.path, env: { PATH: '/nonexistent' }, extendEnv: false });
      assert.equal(plan.stepId, step.id);
      assert.ok(plan.interpreter, step.id);
    }
    const onCall = planStep(stepIn('on-call-rotation'), { extendEnv: false });
    assert.deepEqual(onCall.variables.missing, ['PAGERDUTY_API_KEY']);
    const slack = planStep(stepIn('incident-communication-channel-setup'), { extendEnv: false, incident: { INCIDENT_ID: 'INC-1' } });
    assert.deepEqual(slack.variables.provided, ['INCIDENT_ID']);
    assert.deepEqual(slack.variables.sources, { INCIDENT_ID: 'incident' });
    assert.deepEqual(slack.variables.missing, ['SLACK_BOT_TOKEN', 'INCIDENT_TEAM_MEMBERS']);
  });
});
