import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStepContext, parseRunbook } from 'runbook-core';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';
import { paint } from '../../src/cli/paint.ts';
import { askConfirmation, confirmationHeight, contextRefusalHint, renderConfirmation } from '../../src/cli/steps/describe-step.ts';
import { buildConfirmation } from '../../src/run/confirmation.ts';
import { planStep } from '../../src/run/step-plan.ts';
import { makeStep } from '../run/make-step.ts';

const ansi = /\u001B\[[0-9;]*m/g;

/** The screen lines a render takes: summary and the question. */
function screenLines(rendered: { summary: string; question: string }): string[] {
  return `${rendered.summary}\n${rendered.question}`.replace(ansi, '').split('\n');
}

function kubeconfig(dir: string, namespace?: string): string {
  const file = join(dir, 'kubeconfig');
  const context = namespace === undefined ? '{ cluster: prod, user: me }' : `{ cluster: prod, user: me, namespace: ${namespace} }`;
  writeFileSync(
    file,
    `apiVersion: v1\nkind: Config\ncurrent-context: prod-eu\ncontexts:\n- name: prod-eu\n  context: ${context}\nclusters:\n- name: prod\n  cluster: { server: "https://127.0.0.1:6443" }\nusers:\n- name: me\n  user: {}\n`,
  );
  return file;
}

describe('the confirmation: fits a screen, says where each command lands', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-confirm-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("for the user's mitigation block: every risky command, its risk and its real namespace, in 24 lines, no as the default", async function () {
    const source = readFileSync(requireMaterial(this, userRunbookPath(), 'user runbook'), 'utf8');
    const runbook = parseRunbook(source);
    const step = runbook.steps.find((candidate) => candidate.code.includes('aws rds failover-db-cluster'));
    assert.ok(step);
    // The pinned kubeconfig's namespace is `default`-less `ops`: every kubectl here says -n smartcloudops, which wins.
    const env = { HOME: dir, KUBECONFIG: kubeconfig(dir, 'ops') };
    const plan = planStep(step, { env, extendEnv: false, runbookDir: dir });
    const guard = await checkStepContext(step, { meta: runbook.meta, env, cwd: dir });
    const confirmation = buildConfirmation(plan, guard);
    assert.equal(confirmation.risk, 'destroy');
    assert.equal(confirmation.safeDefault, true);
    assert.deepEqual(
      confirmation.commands.map((command) => [command.number, command.risk, command.target?.context, command.target?.namespace]),
      [
        [1, 'mutate', 'prod-eu', 'smartcloudops'],
        [2, 'mutate', 'prod-eu', 'smartcloudops'],
        [3, 'mutate', 'prod-eu', 'smartcloudops'],
        [4, 'destroy', undefined, undefined],
        [5, 'destroy', 'prod-eu', 'smartcloudops'],
        [6, 'destroy', 'prod-eu', 'smartcloudops'],
        [7, 'mutate', 'prod-eu', 'smartcloudops'],
      ],
    );
    for (const color of [false, true]) {
      const rendered = renderConfirmation(confirmation, paint(color));
      const lines = screenLines(rendered);
      assert.ok(lines.length <= confirmationHeight, `${lines.length} lines:\n${lines.join('\n')}`);
      assert.ok(
        lines.every((line) => line.length <= 80),
        lines.join('\n'),
      );
      assert.equal(/\u001B\[/.test(rendered.summary), color);
      for (const command of confirmation.commands)
        assert.ok(
          lines.some((line) => line.startsWith(`  [${command.number}] ${command.risk}`)),
          `[${command.number}]`,
        );
      assert.match(lines.join('\n'), /smartcloudops/);
      assert.doesNotMatch(lines.join('\n'), /\(default\)|\/default\b|\/ops\b/);
      // The prompt itself repeats how much, how bad and where.
      assert.equal(rendered.question, 'Run 7 commands (3 destructive) in prod-eu/smartcloudops? [y/N, d = details] ');
    }
    // Multi-line YAML patches are one line each on the prompt; the whole of them is in the details.
    assert.ok(confirmation.commands.every((command) => !command.text.includes('\n')));
    assert.match(confirmation.details, /number: 80/);
  });

  it('a command without -n lands in the pinned kubeconfig namespace, not "(default)"', () => {
    const env = { HOME: dir, KUBECONFIG: kubeconfig(dir, 'payments') };
    const step = makeStep({
      code: 'kubectl scale deployment/api --replicas=3\n',
      commands: [{ text: 'kubectl scale deployment/api --replicas=3', risk: 'mutate', programs: ['kubectl'] }],
    });
    const confirmation = buildConfirmation(planStep(step, { env, extendEnv: false, runbookDir: dir }));
    assert.deepEqual(confirmation.commands[0]?.target, { context: 'prod-eu', namespace: 'payments' });
    const lines = screenLines(renderConfirmation(confirmation, paint(false)));
    assert.match(lines.join('\n'), /prod-eu\/payments/);
    assert.equal(confirmation.safeDefault, false);
  });

  it('a hostile block of 200 destructive commands still fits, and says how many are not shown', () => {
    const texts = Array.from({ length: 200 }, (_, at) => `kubectl delete pod p${at} -n team${at}`);
    const step = makeStep({ code: `${texts.join('\n')}\n`, commands: texts.map((text) => ({ text, risk: 'destroy' as const, programs: ['kubectl'] })) });
    const confirmation = buildConfirmation(planStep(step, { env: { HOME: dir, KUBECONFIG: kubeconfig(dir) }, extendEnv: false, runbookDir: dir }));
    const lines = screenLines(renderConfirmation(confirmation, paint(false)));
    assert.ok(lines.length <= confirmationHeight, `${lines.length} lines`);
    assert.ok(lines.some((line) => /… and \d+ more \(d shows them\)/.test(line)));
    // Each shown command names its own namespace, since they differ.
    assert.ok(lines.some((line) => line.includes('[1] destroy') && line.includes('prod-eu/team0')));
  });

  it('a hostile command cannot steer the terminal: control characters are shown, not sent', () => {
    const text = 'kubectl delete ns prod \u001b[2K\u001b[1A\recho harmless';
    const step = makeStep({ code: `${text}\n`, commands: [{ text, risk: 'destroy', programs: ['kubectl'] }], name: 'evil\u001b[8m' });
    const confirmation = buildConfirmation(planStep(step, { env: { HOME: dir }, extendEnv: false, runbookDir: dir }));
    const rendered = renderConfirmation(confirmation, paint(false));
    const shown = `${rendered.summary}\n${rendered.question}\n${confirmation.details}`;
    assert.doesNotMatch(shown, /[\u001b\r]/);
    assert.match(rendered.summary, /kubectl delete ns prod \\x1b\[2K/);
  });

  it('asks on the terminal: d shows the whole plan and asks again; only y or yes is yes; Enter is no', async () => {
    const step = makeStep({ code: 'rm -rf /srv/cache\n', commands: [{ text: 'rm -rf /srv/cache', risk: 'destroy', programs: ['rm'] }] });
    const confirmation = buildConfirmation(planStep(step, { env: { HOME: dir }, extendEnv: false, runbookDir: dir }));
    const ask = async (answers: string[]) => {
      const written: string[] = [];
      const asked: string[] = [];
      const yes = await askConfirmation(
        {
          ask: async (question) => {
            asked.push(question);
            return answers.shift() ?? '';
          },
          write: (text) => written.push(text),
        },
        confirmation,
        paint(false),
      );
      return { yes, written: written.join(''), asked: asked.length };
    };
    const details = await ask(['d', 'y']);
    assert.equal(details.yes, true);
    assert.equal(details.asked, 2);
    assert.match(details.written, /Interpreter: /);
    for (const answer of ['', 'n', 'no', 'yes please', 'Y E S']) assert.equal((await ask([answer])).yes, false, JSON.stringify(answer));
    for (const answer of ['y', 'YES', ' yes ']) assert.equal((await ask([answer])).yes, true, answer);
  });

  it('a context refusal names the fix first and the override last', () => {
    const hint = contextRefusalHint({ code: 'context-mismatch', expected: 'prod-eu', actual: 'staging' }) ?? '';
    assert.ok(hint.indexOf('kubectl config use-context prod-eu') >= 0, hint);
    assert.ok(hint.indexOf('kubectl config use-context prod-eu') < hint.indexOf('--context staging'), hint);
    assert.ok(hint.endsWith('--context staging'), hint);
    const namespace = contextRefusalHint({ code: 'namespace-mismatch', expectedNamespace: 'checkout' }) ?? '';
    assert.match(namespace, /^add `-n checkout` to the command/);
    assert.equal(contextRefusalHint({ code: 'allowed' }), undefined);
  });
});
