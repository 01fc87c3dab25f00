import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runStep, StepError, type ConfirmRequest, type StepEvent } from '../../src/run/index.ts';
import { fakePrograms, writeKubeconfig } from './fake-programs.ts';
import { makeStep, type StepSpec } from './make-step.ts';
import { useTempDir } from './temp-dir.ts';

describe('runStep: risk gate', () => {
  const dir = useTempDir();
  const marker = (): string => join(dir.path, 'ran');
  const risky = (extra: Partial<StepSpec> = {}): ReturnType<typeof makeStep> =>
    makeStep({
      name: 'restart',
      code: `touch "${marker()}"\n`,
      commands: [{ text: `touch "${marker()}"`, heading: 'Mark it', risk: 'mutate', riskReason: 'touch writes a file', programs: ['touch'] }],
      ...extra,
    });

  it('refuses a mutating step without a confirm callback, spawning nothing', async () => {
    const events: StepEvent[] = [];
    const result = await runStep(risky(), { runbookDir: dir.path, onEvent: (event) => events.push(event) });
    assert.equal(result.refused, true);
    assert.equal(result.failed, true);
    assert.match(result.shortMessage, /^Step "restart" was refused: its commands mutate and no confirm callback was given; pass yes: true/);
    assert.deepEqual(
      events.map((event) => event.type),
      ['finished'],
    );
    assert.equal(existsSync(marker()), false);
  });

  it('asks with the rendered plan, and runs nothing when declined', async () => {
    const requests: ConfirmRequest[] = [];
    const result = await runStep(risky(), {
      runbookDir: dir.path,
      confirm: (request) => {
        requests.push(request);
        return false;
      },
    });
    assert.equal(result.refused, true);
    assert.match(result.message, /was refused: the confirmation was declined/);
    assert.equal(existsSync(marker()), false);
    const [request] = requests;
    assert.equal(request?.reason, 'risk');
    assert.equal(request?.plan.risk, 'mutate');
    assert.equal(request?.plan.target.cwd, dir.path);
    assert.deepEqual(
      request?.plan.commands.map(({ index, text, heading, risk, riskReason }) => ({ index, text, heading, risk, riskReason })),
      [{ index: 0, text: `touch "${marker()}"`, heading: 'Mark it', risk: 'mutate', riskReason: 'touch writes a file' }],
    );
    assert.match(
      request?.text ?? '',
      /^Step "restart" — risk: mutate\nInterpreter: bash\nWorking directory: .*\nCommands:\n {2}\[1\] mutate: touch writes a file — Mark it\n {6}touch /,
    );
  });

  it('runs once confirmed (also asynchronously), or with yes, or when the step says confirm=false', async () => {
    let asked = 0;
    const confirmed = await runStep(risky(), {
      confirm: async () => {
        asked++;
        return true;
      },
    });
    assert.equal(confirmed.exitCode, 0);
    assert.equal(asked, 1);
    const withYes = await runStep(risky(), {
      yes: true,
      confirm: () => {
        asked++;
        return false;
      },
    });
    assert.equal(withYes.exitCode, 0);
    const unconfirmed = await runStep(risky({ options: { confirm: false } }), {
      confirm: () => {
        asked++;
        return false;
      },
    });
    assert.equal(unconfirmed.exitCode, 0);
    assert.equal(asked, 1);
  });

  it('asks even for a read-only step that says confirm=true', async () => {
    const requests: ConfirmRequest[] = [];
    const step = makeStep({ code: 'echo hi\n', options: { confirm: true } });
    const result = await runStep(step, {
      confirm: (request) => {
        requests.push(request);
        return false;
      },
    });
    assert.equal(result.refused, true);
    assert.equal(requests[0]?.reason, 'step-asks');
    assert.equal(requests[0]?.plan.risk, 'read');
  });

  it('judges the risk of the chosen commands only', async () => {
    const step = makeStep({
      code: 'echo look\nrm -rf ./cache\n',
      commands: [
        { text: 'echo look', risk: 'read' },
        { text: 'rm -rf ./cache', risk: 'destroy', programs: ['rm'] },
      ],
    });
    const readOnly = await runStep(step, { commands: [0], runbookDir: dir.path });
    assert.equal(readOnly.exitCode, 0);
    assert.equal(readOnly.stdout, 'look\n');
    assert.equal(readOnly.risk, 'read');
    const destructive = await runStep(step, { commands: [1], runbookDir: dir.path });
    assert.equal(destructive.refused, true);
    assert.equal(destructive.risk, 'destroy');
    assert.match(destructive.message, /its commands destroy/);
  });

  it('rejects with a refused StepError under reject: true, and passes on what confirm throws', async () => {
    await assert.rejects(runStep(risky(), { reject: true }), (error: unknown) => error instanceof StepError && error.refused === true);
    await assert.rejects(
      runStep(risky(), {
        confirm: () => {
          throw new Error('no terminal to ask on');
        },
      }),
      /no terminal to ask on/,
    );
    assert.equal(existsSync(marker()), false);
  });

  it('names the Kubernetes target: from the option, the step, or the kubeconfig, noting a mismatch', async () => {
    const fakes = fakePrograms(dir.path, ['kubectl']);
    const kubeconfig = writeKubeconfig(dir.path, 'staging-eu', 'web');
    const kubeStep = (options: StepSpec['options'] = {}): ReturnType<typeof makeStep> =>
      makeStep({
        code: 'kubectl rollout restart deploy/api\n',
        commands: [{ text: 'kubectl rollout restart deploy/api', risk: 'mutate', programs: ['kubectl'] }],
        options,
      });
    const targets: unknown[] = [];
    const confirm = (request: ConfirmRequest): boolean => {
      targets.push(request.plan.target.kubernetes);
      return false;
    };
    const env = { ...fakes.env, KUBECONFIG: kubeconfig };
    await runStep(kubeStep(), { env, confirm });
    await runStep(kubeStep({ context: 'prod-eu', namespace: 'payments' }), { env, confirm });
    await runStep(kubeStep({ context: 'prod-eu' }), { env, confirm, kubeContext: 'staging-eu', kubeNamespace: 'ops' });
    await runStep(kubeStep(), { env: { ...env, KUBECONFIG: join(dir.path, 'missing') }, confirm });
    assert.deepEqual(targets, [
      { context: 'staging-eu', namespace: 'web', source: 'kubeconfig' },
      { context: 'prod-eu', namespace: 'payments', source: 'step', kubeconfigContext: 'staging-eu' },
      { context: 'staging-eu', namespace: 'ops', source: 'option' },
      { source: 'unknown' },
    ]);
  });
});
