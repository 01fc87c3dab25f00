import assert from 'node:assert/strict';
import { parseRunbook } from '../../src/parse/index.ts';
import { readFixture, textAt, useShellGrammar } from './parser-fixtures.ts';

describe('parseRunbook: a runbook in the project conventions', () => {
  useShellGrammar();
  const source = readFixture('restart-api.md');
  const runbook = () => parseRunbook(source, { path: 'restart-api.md' });

  it('reads the frontmatter convention into meta', () => {
    const { meta, path, messages } = runbook();
    assert.equal(path, 'restart-api.md');
    assert.deepEqual(
      messages.map((message) => [message.ruleId, message.severity, message.reason, textAt(source, message.position)]),
      [['invalid-attribute', 'warning', "unknown attribute 'retries'", '"retries"']],
    );
    assert.equal(meta.title, 'Checkout API — restart and roll back');
    assert.equal(meta.owner, 'payments-oncall');
    assert.equal(meta.service, 'checkout-api');
    assert.equal(meta.shell, 'bash');
    assert.equal(meta.cwd, './ops');
    assert.deepEqual(meta.kubernetes, { context: 'prod-eu', namespace: 'checkout' });
    assert.equal(meta.incidentId, 'INC-{YYYY}{MM}{DD}-{HH}{mm}');
    assert.deepEqual(meta.variables, {
      REGION: { name: 'REGION', description: 'Cloud region of the cluster', secret: false, required: true },
      SLACK_BOT_TOKEN: {
        name: 'SLACK_BOT_TOKEN',
        description: 'Slack bot token allowed to post in the incident channel.',
        secret: true,
        required: true,
      },
      REPLICAS: { name: 'REPLICAS', description: 'Replicas to scale to.', secret: false, required: false, default: '10' },
      OPTIONAL_NOTE: { name: 'OPTIONAL_NOTE', secret: false, required: false },
    });
    assert.deepEqual(meta.severities, [
      { id: 'P0', label: 'Critical', responseMinutes: 15, updateEveryMinutes: 15 },
      { id: 'P1', label: 'High', responseMinutes: 60, updateEveryMinutes: 30 },
      { id: 'P3', label: 'Low' },
    ]);
    assert.equal(meta.position?.start.line, 1);
    assert.equal(meta.position?.end.line, 34);
    assert.equal((meta.raw.kubernetes as Record<string, unknown>).context, 'prod-eu');
  });

  it('finds the steps in lists and blockquotes, with typed options and mapped commands', () => {
    const { steps } = runbook();
    assert.deepEqual(
      steps.map((step) => [step.id, step.lang, step.section, step.isShell, step.risk]),
      [
        ['pods', 'bash', 'investigate', true, 'read'],
        [`investigate/${steps[1]?.id.split('/')[1]}`, 'sh', 'investigate', true, 'read'],
        ['restart', 'bash', 'mitigate', true, 'mutate'],
        ['rollback', 'bash', 'mitigate', true, 'destroy'],
        [`mitigate/${steps[4]?.id.split('/')[1]}`, 'python', 'mitigate', false, 'mutate'],
      ],
    );
    const restart = steps[2];
    assert.deepEqual(restart?.attributes, { name: 'restart', confirm: 'true', timeout: '5m', tags: 'restart,api' });
    assert.deepEqual(restart?.options, { name: 'restart', confirm: true, timeoutMs: 300_000, tags: ['restart', 'api'] });
    assert.equal(restart?.name, 'restart');
    assert.equal(restart?.code, '# Restart\nkubectl rollout restart deployment/checkout-api -n checkout');
    assert.equal(restart?.commands[0]?.heading, 'Restart');
    assert.equal(textAt(source, restart?.commands[0]?.position ?? assert.fail()), 'kubectl rollout restart deployment/checkout-api -n checkout');
    assert.equal(restart?.commands[0]?.position.start.column, 4);

    const rollback = steps[3];
    assert.deepEqual(rollback?.attributes, { name: 'rollback', confirm: 'true', retries: '3' });
    assert.equal(rollback?.code, '# Roll back\nkubectl rollout undo deployment/checkout-api -n checkout');
    assert.equal(textAt(source, rollback?.commands[0]?.position ?? assert.fail()), 'kubectl rollout undo deployment/checkout-api -n checkout');
    assert.equal(rollback?.commands[0]?.position.start.column, 6);
    assert.match(textAt(source, rollback?.position ?? assert.fail()), /^````bash[\s\S]*````$/);
    assert.equal(textAt(source, rollback?.codePosition ?? assert.fail()), '# Roll back\n   > kubectl rollout undo deployment/checkout-api -n checkout');
  });

  it('treats code it cannot analyse as one mutating command, and indented code as no step', () => {
    const python = runbook().steps[4];
    assert.equal(python?.commands.length, 1);
    assert.deepEqual(
      { text: python?.commands[0]?.text, risk: python?.commands[0]?.risk, reason: python?.commands[0]?.riskReason },
      { text: 'import sys\nprint("checked", file=sys.stderr)', risk: 'mutate', reason: 'unanalysed python code' },
    );
    assert.ok(!runbook().steps.some((step) => step.code.includes('indented code')));
  });

  it('finds nested checklist items with their boxes', () => {
    const { checklistItems } = runbook();
    assert.deepEqual(
      checklistItems.map((item) => [item.id, item.checked, item.depth]),
      [
        ['checklist/acknowledge-the-page', false, 0],
        ['checklist/open-the-incident-channel', true, 0],
        ['checklist/invite-the-payments-lead', false, 1],
        ['checklist/post-the-first-status-update', false, 0],
      ],
    );
    assert.deepEqual(
      checklistItems.map((item) => source[item.boxOffset]),
      [' ', 'x', ' ', ' '],
    );
  });

  it('finds the status template and its slots', () => {
    const [template] = runbook().templates;
    assert.equal(template?.lang, 'text');
    assert.equal(template?.section, 'status-update');
    assert.deepEqual(
      template?.slots.map((slot) => [slot.kind, slot.name, textAt(source, slot.position)]),
      [
        ['variable', 'INCIDENT_ID', '${INCIDENT_ID}'],
        ['variable', 'START_TIME', '${START_TIME}'],
        ['placeholder', 'Describe the impact', '[Describe the impact]'],
      ],
    );
  });
});
