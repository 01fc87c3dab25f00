import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paint } from '../../src/cli/paint.ts';
import { alternativeAnswer, renderAlternatives } from '../../src/cli/steps/choose-alternative.ts';
import type { StepAlternative } from '../../src/run/alternatives.ts';
import { makeStep } from '../run/make-step.ts';
import { runCli } from './cli-harness.ts';

const fixture = new URL('../fixtures/run/alternatives.md', import.meta.url).pathname;

const alternatives: StepAlternative[] = [
  { label: '1. Restart', commands: [1], risk: 'mutate' },
  { label: '2. Roll back', commands: [2, 3], risk: 'destroy' },
  { label: '3. Look first', commands: [4], risk: 'read' },
];

describe('choosing one alternative of a block', () => {
  it('takes the numbers shown (any command of one alternative), or all spelled out; anything else is none', () => {
    assert.equal(alternativeAnswer('1', alternatives), 0);
    assert.equal(alternativeAnswer('3', alternatives), 1);
    assert.equal(alternativeAnswer(' 2-3 ', alternatives), 1);
    assert.equal(alternativeAnswer('4', alternatives), 2);
    assert.equal(alternativeAnswer('ALL', alternatives), 'all');
    for (const answer of ['', '0', '5', '1-2', '2-4', 'a', 'al', 'y', 'yes', '1,2']) assert.equal(alternativeAnswer(answer, alternatives), undefined, answer);
  });

  it('lists each alternative under its command numbers, and says how many risky commands "all" is', () => {
    const step = makeStep({ name: 'menu', code: '' });
    const text = renderAlternatives({ step, alternatives, riskyCommands: 3 }, paint(false));
    assert.deepEqual(text.split('\n'), [
      "Step 'menu' offers 3 alternatives; run one:",
      '    1  mutate  1. Restart',
      '  2-3  destroy 2. Roll back',
      '    4  read    3. Look first',
      '  all  every alternative, in order: 3 commands that change things',
    ]);
  });

  describe('through runbook run', () => {
    let dir = '';
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'runbook-alternatives-'));
      cpSync(fixture, join(dir, 'alternatives.md'));
      writeFileSync(
        join(dir, 'kubeconfig'),
        'apiVersion: v1\nkind: Config\ncurrent-context: prod-eu\ncontexts:\n- name: prod-eu\n  context: { cluster: c, user: u, namespace: checkout }\nclusters:\n- name: c\n  cluster: { server: "https://127.0.0.1:6443" }\nusers:\n- name: u\n  user: {}\n',
      );
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const run = (input: string | undefined, ...extra: string[]) =>
      runCli(['run', 'alternatives.md', '--step', 'menu-by-section', ...extra], {
        cwd: dir,
        env: { KUBECONFIG: join(dir, 'kubeconfig') },
        ...(input === undefined ? {} : { interactive: true, input }),
      });

    it('asks which one; the confirmation then shows only its commands', async () => {
      const result = await run('3\nn\n');
      assert.equal(result.code, 3, result.stderr);
      assert.match(result.stderr, /offers 3 alternatives; run one:\n {4}1 {2}mutate {2}1\. Restart\n {2}2-3 {2}destroy 2\. Roll back\n/);
      assert.match(
        result.stderr,
        /\n {2}\[2\] destroy kubectl rollout undo deployment\/checkout -n checkout\n {2}\[3\] destroy kubectl rollout undo deployment\/worker/,
      );
      assert.doesNotMatch(result.stderr, /\[1\] mutate/);
      assert.match(result.stderr, /Run 2 commands \(2 destructive\) in prod-eu\/checkout\? \[y\/N, d = details\]/);
    });

    it('runs nothing when the answer is empty or unknown', async () => {
      for (const input of ['\n', '9\n', 'yes\n']) {
        const result = await run(input);
        assert.equal(result.code, 3, input);
        assert.match(result.stderr, /no alternative of step 'menu-by-section' was chosen/, input);
        assert.doesNotMatch(result.stderr, /Run \d+ commands?/, input);
      }
    });

    it('without a terminal refuses the whole block unless --command chooses', async () => {
      const refused = await run(undefined, '--yes');
      assert.equal(refused.code, 3);
      assert.match(refused.stderr, /holds 3 alternatives \(1 \(1\. Restart\); 2-3 \(2\. Roll back\); 4 \(3\. Look first\)\)/);
      assert.match(refused.stderr, /choose one with --command 1, 2-3 or 4; --command all runs all 3 risky commands/);
    });
  });
});
