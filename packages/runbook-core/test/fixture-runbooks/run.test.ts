import assert from 'node:assert/strict';
import { parseRunbook, runStep, type ConfirmRequest, type Runbook, type Step } from 'runbook-core';
import { applyTextEdits, checkedEdits } from '../../src/edit/index.ts';
import { useShellGrammar } from '../parse/parser-fixtures.ts';
import { fakePrograms, writeKubeconfig } from '../run/fake-programs.ts';
import { useTempDir } from '../run/temp-dir.ts';
import { fixtureRunbook } from './fixture-runbooks.ts';

// What the user's runbook tests check of the runner and of checklist edits,
// on the project's own runbooks: cluster tools are real executables that log
// their calls, so a test sees exactly what a step ran.

describe('runStep on the fixture runbooks', () => {
  useShellGrammar();
  const dir = useTempDir();
  const load = (name: string): Runbook => parseRunbook(fixtureRunbook(name).source, { path: fixtureRunbook(name).path });
  const stepIn = (runbook: Runbook, section: string): Step => {
    const step = runbook.steps.find((candidate) => candidate.section === section);
    assert.ok(step, `a step in ${section}`);
    return step;
  };

  const alternatives: Array<[string, RegExp[], 'mutate' | 'destroy']> = [
    ['1', [/^kubectl rollout restart deployment\/search-api -n search$/], 'mutate'],
    ['2', [/^kubectl scale deployment\/search-api --replicas=12 -n search$/], 'mutate'],
    ['3', [/^kubectl patch service search-api -n search -p \nspec:\n {2}selector:\n {4}app: search-fallback\n$/], 'mutate'],
    ['4', [/^aws rds failover-db-cluster --db-cluster-identifier search-index-prod$/], 'destroy'],
    ['5', [/^kubectl rollout undo deployment\/search-api -n search$/, /^kubectl rollout undo deployment\/search-indexer -n search$/], 'destroy'],
    ['6', [/^kubectl set env deployment\/search-api -n search QUERY_EXPANSION=off$/], 'mutate'],
  ];

  for (const [alternative, expected, risk] of alternatives) {
    it(`runs mitigation alternative ${alternative} alone, after one confirmation naming its risk`, async () => {
      const fakes = fakePrograms(dir.path, ['kubectl', 'aws']);
      const kubeconfig = writeKubeconfig(dir.path, 'search-prod', 'search');
      const requests: ConfirmRequest[] = [];
      const result = await runStep(stepIn(load('mitigation-alternatives.md'), 'mitigation-options'), {
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
      assert.equal(requests[0]?.reason, 'risk');
      assert.equal(requests[0]?.plan.risk, risk);
      assert.ok(requests[0]?.plan.commands.every((command) => command.heading?.startsWith(`${alternative}. `)));
    });
  }

  it('runs nothing of the menu when the confirmation is declined', async () => {
    const fakes = fakePrograms(dir.path, ['kubectl', 'aws']);
    const result = await runStep(stepIn(load('mitigation-alternatives.md'), 'mitigation-options'), {
      runbookDir: dir.path,
      commands: ['5'],
      env: fakes.env,
      confirm: () => false,
    });
    assert.equal(result.failed, true);
    assert.deepEqual(fakes.calls(), []);
  });

  it('refuses the menu without a confirm callback or yes, and runs nothing', async () => {
    const fakes = fakePrograms(dir.path, ['kubectl', 'aws']);
    const result = await runStep(stepIn(load('mitigation-alternatives.md'), 'mitigation-options'), { runbookDir: dir.path, commands: ['4'], env: fakes.env });
    assert.equal(result.refused, true);
    assert.equal(result.pid, undefined);
    assert.deepEqual(fakes.calls(), []);
  });

  it('asks before the confirmed DR block even when each value is given, and runs nothing when refused', async () => {
    const fakes = fakePrograms(dir.path, ['curl', 'terraform', 'aws']);
    const requests: ConfirmRequest[] = [];
    const result = await runStep(stepIn(load('disaster-recovery.md'), 'activate-the-standby-region'), {
      runbookDir: dir.path,
      env: { ...fakes.env, INCIDENT_ID: 'INC-1', SLACK_WEBHOOK_URL: 'https://hooks.example.com/x', LATEST_SNAPSHOT: 'snap-1', ZONE_ID: 'Z1' },
      confirm: (request) => {
        requests.push(request);
        return false;
      },
    });
    assert.equal(requests.length, 1);
    assert.equal(requests[0]?.plan.risk, 'destroy');
    assert.equal(result.failed, true);
    assert.deepEqual(fakes.calls(), []);
  });

  it('runs a read-only check without asking', async () => {
    const fakes = fakePrograms(dir.path, ['kubectl', 'curl']);
    const result = await runStep(stepIn(load('mitigation-alternatives.md'), 'verify'), { runbookDir: dir.path, env: fakes.env });
    assert.equal(result.exitCode, 0, result.message);
    assert.deepEqual(fakes.calls(), ['kubectl get pods -n search -l app=search-api', 'curl -fsS https://search.example.com/healthz']);
  });
});

describe('checkedEdits on the checklist-heavy fixture', () => {
  useShellGrammar();

  it('flips every item and back, touching only its box', () => {
    const { source } = fixtureRunbook('checklist-heavy.md');
    const runbook = parseRunbook(source);
    assert.ok(runbook.checklistItems.length >= 15);
    for (const item of runbook.checklistItems) {
      const flipped = applyTextEdits(source, checkedEdits(source, item.id, !item.checked, runbook));
      assert.equal(parseRunbook(flipped).checklistItems.find((entry) => entry.id === item.id)?.checked, !item.checked, item.id);
      assert.equal(flipped.length, source.length, `${item.id}: one character changed`);
      const restored = applyTextEdits(flipped, checkedEdits(flipped, item.id, item.checked));
      const box = source[item.boxOffset];
      const canonical = box === 'x' || box === ' ' ? box : item.checked ? 'x' : ' ';
      assert.equal(restored, source.slice(0, item.boxOffset) + canonical + source.slice(item.boxOffset + 1), item.id);
    }
  });
});
