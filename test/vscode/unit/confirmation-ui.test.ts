import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as core from '../../../packages/runbook-core/src/index.ts';
import type { Runbook, Step } from '../../../packages/runbook-core/src/index.ts';
import { commandLensTitle, stepLensTitle } from '../../../packages/vscode-extension/src/codelens/command-lens-title.ts';
import { alternativePicks } from '../../../packages/vscode-extension/src/run/alternative-picks.ts';
import { commandGroups } from '../../../packages/vscode-extension/src/run/command-groups.ts';
import { confirmationMessage, DONT_RUN, modalDetailLines, SHOW_PLAN } from '../../../packages/vscode-extension/src/run/confirmation-message.ts';
import { requireMaterial, userRunbookPath } from '../../support/external-material.ts';

function usersRunbook(context: Mocha.Context): { runbook: Runbook; source: string; mitigation: Step } {
  const source = readFileSync(requireMaterial(context, userRunbookPath(), 'user runbook'), 'utf8');
  const runbook = core.parseRunbook(source);
  const mitigation = runbook.steps.find((step) => step.code.includes('aws rds failover-db-cluster'));
  assert.ok(mitigation);
  return { runbook, source, mitigation };
}

/** `[N]` and the command's first line, as core's plan renders them. */
function planNumbers(step: Step): Map<number, string> {
  const lines = core.renderPlan(core.planStep(step, { extendEnv: false, env: {} })).split('\n');
  const found = new Map<number, string>();
  lines.forEach((line, at) => {
    const match = /^ {2}\[(\d+)\] /.exec(line);
    if (match) found.set(Number(match[1]), (lines[at + 1] ?? '').trim());
  });
  return found;
}

describe("the editor's numbering, confirmation and choice (the user's runbook)", () => {
  it('numbers each command lens as plan numbers the same commands', function () {
    const { runbook } = usersRunbook(this);
    const multi = runbook.steps.filter((step) => commandGroups(step).length > 0);
    assert.ok(multi.length >= 2);
    for (const step of multi) {
      const plan = planNumbers(step);
      for (const group of commandGroups(step)) {
        const title = commandLensTitle(
          group.commands.map((command) => command.index),
          group.heading,
          core,
        );
        const numbers = /^▶ Run commands? ([\d,-]+)/.exec(title)?.[1] ?? '';
        const expanded = numbers.split(',').flatMap((part) => {
          const [from = 0, to = from] = part.split('-').map(Number);
          return Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
        });
        assert.deepEqual(
          expanded.map((number) => plan.get(number)),
          group.commands.map((command) => command.text.split('\n')[0]?.trim()),
          title,
        );
      }
    }
  });

  it('the mitigation block says its run asks which alternative', function () {
    const { runbook, source, mitigation } = usersRunbook(this);
    const lines = source.split('\n');
    const section = runbook.sections.find((candidate) => candidate.slug === mitigation.section);
    const alternatives = core.findAlternatives(mitigation, {
      ...(section === undefined ? {} : { sectionTitle: section.title }),
      textAbove: core.textAboveBlock((line) => lines[line - 1] ?? '', mitigation.position.start.line),
    });
    assert.equal(stepLensTitle(alternatives.length), '▶ Run step… (choose 1 of 6 alternatives)');
    assert.equal(stepLensTitle(0), '▶ Run step');
    const picks = alternativePicks({ step: mitigation, alternatives, riskyCommands: core.riskyCommandCount(mitigation, alternatives) }, core);
    assert.deepEqual(
      picks.map((pick) => [pick.label, pick.description, pick.choice]),
      [
        ['Command 1: 1. Service Restart', 'mutate', 0],
        ['Command 2: 2. Scale Up Resources', 'mutate', 1],
        ['Command 3: 3. Traffic Routing (Emergency Maintenance Page)', 'mutate', 2],
        ['Command 4: 4. Database Failover', 'destroy', 3],
        ['Commands 5-6: 5. Rollback Deployment', 'destroy', 4],
        ['Command 7: 6. Circuit Breaker Activation', 'mutate', 5],
        ['Run all 7 risky commands', 'every alternative, one after another', 'all'],
      ],
    );
    assert.match(
      picks[4]?.detail ?? '',
      /^kubectl rollout undo deployment\/smartcloudops-api -n smartcloudops ; kubectl rollout undo deployment\/smartcloudops-worker/,
    );
  });

  it('the modal fits: short detail, the real namespace, and for destroy a first (default) button that does not run', function () {
    const { mitigation } = usersRunbook(this);
    const plan = core.planStep(mitigation, { extendEnv: false, env: {} });
    const modal = confirmationMessage(core.buildConfirmation(plan));
    const detail = modal.detail.split('\n');
    assert.ok(detail.length <= modalDetailLines, modal.detail);
    assert.ok(modal.message.length <= 120, modal.message);
    assert.doesNotMatch(modal.detail, /\(default\)|\/default\b/);
    // Six kubectl commands say -n smartcloudops; the RDS failover reaches no cluster and does not hide that.
    assert.match(detail[0] ?? '', /^Cluster commands run in .*\/smartcloudops\.$/);
    for (const number of [1, 2, 3, 4, 5, 6, 7])
      assert.ok(
        detail.some((line) => line.startsWith(`[${number}] `)),
        `[${number}]`,
      );
    assert.equal(modal.safeDefault, true);
    assert.deepEqual(modal.safe, [DONT_RUN, SHOW_PLAN]);
    assert.equal(modal.run, 'Run DESTRUCTIVE step');
  });

  it('a mutating step keeps Run first; a long block is cut with a count', () => {
    const texts = Array.from({ length: 40 }, (_, at) => `kubectl scale deployment/d${at} --replicas=2 -n ns${at}`);
    const step = core.parseRunbook(`\`\`\`bash\n${texts.join('\n')}\n\`\`\`\n`).steps[0];
    assert.ok(step);
    const modal = confirmationMessage(core.buildConfirmation(core.planStep(step, { extendEnv: false, env: {} })));
    assert.equal(modal.safeDefault, false);
    assert.deepEqual(modal.safe, [SHOW_PLAN]);
    const detail = modal.detail.split('\n');
    assert.ok(detail.length <= modalDetailLines, `${detail.length} lines`);
    assert.match(detail.at(-1) ?? '', /^… and \d+ more \(Show full plan\)$/);
  });
});
