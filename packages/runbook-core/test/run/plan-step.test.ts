import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planStep, renderPlan } from '../../src/run/index.ts';
import { fakePrograms } from './fake-programs.ts';
import { makeStep } from './make-step.ts';
import { useTempDir } from './temp-dir.ts';

describe('planStep (dry run)', () => {
  const dir = useTempDir();

  it('lists the variables needed, provided (with their source) and missing, leaving out what the block assigns', () => {
    const step = makeStep({
      code: 'NS=prod\necho "$INCIDENT_ID $NS $SERVICE $TOKEN $HOME $RANDOM $1"\n',
      reads: ['NS', 'INCIDENT_ID', 'SERVICE', 'TOKEN', 'HOME', 'RANDOM', '1'],
      writes: ['NS'],
    });
    const plan = planStep(step, {
      extendEnv: false,
      env: { HOME: '/home/oncall' },
      variables: { SERVICE: 'checkout' },
      incident: { INCIDENT_ID: 'INC-1' },
    });
    assert.deepEqual(plan.variables, {
      needed: ['INCIDENT_ID', 'SERVICE', 'TOKEN', 'HOME'],
      provided: ['INCIDENT_ID', 'SERVICE', 'HOME'],
      missing: ['TOKEN'],
      sources: { INCIDENT_ID: 'incident', SERVICE: 'variable', HOME: 'environment' },
    });
  });

  it('counts only the variables the chosen commands read', () => {
    const step = makeStep({ code: '# 1. a\necho "$ALPHA"\n\n# 2. b\necho "${BETA:-x}"\n', reads: ['ALPHA', 'BETA'] });
    const plan = planStep(step, { commands: ['2'], extendEnv: false });
    assert.deepEqual(plan.variables.needed, ['BETA']);
    assert.equal(plan.code, 'echo "${BETA:-x}"\n');
    assert.equal(plan.selected, true);
    assert.deepEqual(
      plan.commands.map((command) => command.index),
      [1],
    );
  });

  it('finds the programs missing from PATH, ignoring shell builtins and looking up relative scripts from the cwd', () => {
    const fakes = fakePrograms(dir.path, ['kubectl']);
    mkdirSync(join(dir.path, 'scripts'));
    writeFileSync(join(dir.path, 'scripts', 'verify.sh'), '#!/bin/sh\n');
    chmodSync(join(dir.path, 'scripts', 'verify.sh'), 0o755);
    const step = makeStep({
      code: 'cd /tmp\nkubectl get pods\nterraform-nope apply\n./scripts/verify.sh\n./scripts/absent.sh\n',
      commands: [
        { text: 'cd /tmp', programs: ['cd'] },
        { text: 'kubectl get pods', programs: ['kubectl'] },
        { text: 'terraform-nope apply', programs: ['terraform-nope'] },
        { text: './scripts/verify.sh', programs: ['./scripts/verify.sh'] },
        { text: './scripts/absent.sh', programs: ['./scripts/absent.sh'] },
      ],
    });
    const plan = planStep(step, { runbookDir: dir.path, env: fakes.env, extendEnv: false });
    assert.deepEqual(plan.missingPrograms, ['terraform-nope', './scripts/absent.sh']);
    assert.deepEqual(
      plan.programs.map((program) => [program.name, program.path !== undefined]),
      [
        ['kubectl', true],
        ['terraform-nope', false],
        ['./scripts/verify.sh', true],
        ['./scripts/absent.sh', false],
      ],
    );
  });

  it('gives the interpreter, working directory, errexit, timeout and the code as data', () => {
    const step = makeStep({ lang: 'python', code: 'print(1)\n', options: { cwd: 'jobs', timeoutMs: 30000 } });
    mkdirSync(join(dir.path, 'jobs'));
    const plan = planStep(step, { runbookDir: dir.path });
    assert.equal(plan.interpreter?.program, 'python3');
    assert.equal(plan.interpreter?.family, 'python');
    assert.equal(plan.interpreter?.source, 'language');
    assert.ok(plan.interpreter?.path);
    assert.equal(plan.target.cwd, join(dir.path, 'jobs'));
    assert.equal(plan.errexit, false);
    assert.equal(plan.timeoutMs, 30000);
    assert.equal(plan.code, 'print(1)\n');
    assert.deepEqual(plan.problems, []);
    assert.equal(plan.confirmation, undefined);
    assert.match(renderPlan(plan), /Interpreter: python3\nWorking directory: .*jobs\nCode:\n {6}print\(1\)$/);
  });

  it('reports what keeps a step from running', () => {
    const plan = planStep(makeStep({ lang: 'yaml', code: 'a: 1\n', options: { cwd: 'absent' } }), { runbookDir: dir.path });
    assert.deepEqual(
      plan.problems.map((problem) => problem.code),
      ['no-interpreter', 'no-working-directory'],
    );
    const missing = planStep(makeStep({ code: 'echo\n', options: { interpreter: 'nope-shell -x' } }));
    assert.deepEqual(missing.problems, [
      { code: 'interpreter-not-found', message: 'interpreter "nope-shell" is not installed or not on PATH' },
      {
        code: 'unsafe-interpreter',
        message:
          'interpreter attribute "nope-shell -x" is not a known interpreter (bash, sh, zsh, dash, ksh, python3, node, … by name or absolute path); the step counts as destroy',
      },
    ]);
    assert.equal(missing.risk, 'destroy');
    assert.deepEqual(missing.interpreter?.args, ['-x']);
  });

  it('says why runStep would ask first', () => {
    assert.equal(planStep(makeStep({ code: 'rm x\n', commands: [{ text: 'rm x', risk: 'destroy' }] })).confirmation, 'risk');
    assert.equal(planStep(makeStep({ code: 'rm x\n', commands: [{ text: 'rm x', risk: 'destroy' }], options: { confirm: false } })).confirmation, undefined);
    assert.equal(planStep(makeStep({ code: 'ls\n', options: { confirm: true } })).confirmation, 'step-asks');
  });

  it('renders each command with the number --command takes and the context/namespace it really reaches', () => {
    const kubeconfig = join(dir.path, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\ncurrent-context: prod-eu\ncontexts:\n- name: prod-eu\n  context: { cluster: c, user: u, namespace: payments }\n',
    );
    const texts = [
      'kubectl get pods',
      'kubectl rollout undo deployment/api -n checkout',
      'kubectl --context staging delete pod x --namespace=web',
      'aws s3 ls',
    ];
    const step = makeStep({ code: `${texts.join('\n')}\n`, commands: texts.map((text) => ({ text, programs: [text.split(' ')[0] ?? ''] })) });
    const text = renderPlan(planStep(step, { env: { HOME: dir.path, KUBECONFIG: kubeconfig }, extendEnv: false, runbookDir: dir.path }));
    assert.match(text, /Kubernetes context: prod-eu \(from kubeconfig\); a command without -n uses namespace payments\n/);
    assert.match(text, /\n {2}\[1\] [^\n]*→ prod-eu\/payments\n {6}kubectl get pods\n/);
    assert.match(text, /\n {2}\[2\] [^\n]*→ prod-eu\/checkout\n {6}kubectl rollout undo/);
    assert.match(text, /\n {2}\[3\] [^\n]*→ staging\/web\n/);
    assert.match(text, /\n {2}\[4\] (?:(?!→)[^\n])*\n {6}aws s3 ls/);
    assert.doesNotMatch(text, /\[0\]|\(default\)/);
  });
});
