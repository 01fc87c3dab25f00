import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyFixes, lintMarkdown } from 'runbook-core';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';

describe("lint on the user's runbook", () => {
  let path: string;
  let source: string;
  before(function () {
    path = requireMaterial(this, userRunbookPath(), 'user runbook');
    source = readFileSync(path, 'utf8');
  });

  it('finds exactly what a reviewer would, and nothing in its table of contents', async () => {
    const { messages } = await lintMarkdown(source, { path, config: { rules: { shellcheck: 'off' } } });
    const found = messages.map((message) => `${message.position.start.line}:${message.position.start.column} ${message.severity} ${message.ruleId}`);
    assert.deepEqual(found, [
      // On-call: the PagerDuty token is not declared, and the escalation chain is prose inside bash.
      '27:70 warning undeclared-variable',
      '30:1 error prose-in-shell',
      // Investigation: `kubectl exec -it` needs a terminal.
      '165:1 warning interactive-command',
      // Mitigation: six alternatives in one block, destructive ones unconfirmed.
      '195:1 warning mixed-alternatives',
      '219:1 error unconfirmed-destructive',
      // Slack channel setup posts without a confirm decision, with undeclared tokens.
      '240:1 warning unconfirmed-destructive',
      '241:29 warning undeclared-variable',
      '255:18 warning undeclared-variable',
      // Status update template: the tracking URL has no value.
      '284:21 warning undeclared-variable',
      // Customer notices have no language.
      '292:1 warning fence-language',
      '314:1 warning fence-language',
      // Recovery verification and data checks: more `-it`, and a load test that starts a pod.
      '366:1 warning interactive-command',
      '381:1 warning interactive-command',
      '406:1 warning interactive-command',
      '406:1 warning unconfirmed-destructive',
      '428:1 warning interactive-command',
      // DR activation: terraform apply -auto-approve, a DB restore and a DNS change, unconfirmed.
      '586:1 error unconfirmed-destructive',
      // The footer's dates are never rendered.
      '627:19 warning unrendered-substitution',
      '628:18 warning unrendered-substitution',
    ]);
    const reasons = messages.map((message) => message.reason).join('\n');
    for (const token of [
      '$PAGERDUTY_API_KEY',
      '$SLACK_BOT_TOKEN',
      '$INCIDENT_TEAM_MEMBERS',
      '${INCIDENT_TRACKING_URL}',
      'kubectl rollout undo',
      'aws rds failover-db-cluster',
      'terraform apply -auto-approve',
      'aws route53 change-resource-record-sets',
      '$(date +%Y-%m-%d)',
      '1. Primary On-Call Engineer (0-15 minutes)',
    ]) {
      assert.ok(reasons.includes(token), `a reason names ${token}`);
    }
    assert.ok(!messages.some((message) => message.ruleId === 'broken-anchor'), 'every table-of-contents link resolves');
  });

  it('fixes what it can surgically: info strings, -t flags, the escalation chain', async () => {
    const { messages } = await lintMarkdown(source, { path, config: { rules: { shellcheck: 'off' } } });
    // Declaring variables adds frontmatter lines: declare-variable-fix.test.ts covers it.
    const surgical = messages.filter((message) => message.ruleId !== 'undeclared-variable');
    const { output, applied, skipped } = applyFixes(source, surgical);
    assert.equal(skipped.length, 0);
    assert.equal(applied.length, 10);
    const before = source.split('\n');
    const after = output.split('\n');
    assert.equal(after.length, before.length, 'no line added or removed');
    const changed = after.flatMap((line, index) => (line === before[index] ? [] : [`${index + 1}: ${line}`]));
    assert.deepEqual(changed, [
      '30: # 1. Primary On-Call Engineer (0-15 minutes)',
      '31: # 2. Secondary On-Call Engineer (15-30 minutes)',
      '32: # 3. Engineering Manager (30-45 minutes)',
      '33: # 4. CTO (45+ minutes for P0 incidents)',
      '165: kubectl exec -i deployment/smartcloudops-api -n smartcloudops -- python -c "',
      '195: ```bash {confirm=true}',
      '238: ```bash {confirm=true}',
      '344: ```bash {confirm=true}',
      '366: kubectl exec -i deployment/smartcloudops-api -n smartcloudops -- python -c "',
      '381: kubectl exec -i deployment/smartcloudops-api -n smartcloudops -- python -c "',
      '406: kubectl run load-test --image=loadimpact/k6 --rm -i --restart=Never -- \\',
      '428: kubectl exec -i deployment/smartcloudops-api -n smartcloudops -- python -c "',
      '572: ```bash {confirm=true}',
    ]);
  });
});
