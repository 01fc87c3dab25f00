import assert from 'node:assert/strict';
import type { Position, Runbook, Step } from '../../src/model.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { assertModelInvariants } from '../parse/model-invariants.ts';
import { useShellGrammar } from '../parse/parser-fixtures.ts';
import { fixtureRunbook, fixtureRunbooks } from './fixture-runbooks.ts';

// What the corpus and the user's runbook tests check of the parser, on the
// project's own runbooks: so a fresh clone catches the same bugs.

describe('parseRunbook on the fixture runbooks', () => {
  useShellGrammar();

  const parsed = (name: string): { source: string; runbook: Runbook; at: (position: Position) => string } => {
    const { source } = fixtureRunbook(name);
    return { source, runbook: parseRunbook(source, { path: name }), at: (position) => source.slice(position.start.offset, position.end.offset) };
  };
  const stepIn = (runbook: Runbook, section: string): Step => {
    const step = runbook.steps.find((candidate) => candidate.section === section);
    assert.ok(step, `a step in ${section}`);
    return step;
  };

  it('keeps every position inside its file, in document order, with unique ids', () => {
    const all = fixtureRunbooks();
    assert.ok(all.length >= 4, `${all.length} fixture runbooks`);
    for (const { name, source } of all) {
      const runbook = parseRunbook(source, { path: name });
      assert.equal(runbook.path, name);
      assertModelInvariants(source, runbook);
    }
  });

  it('finds every checklist item of a checklist-heavy runbook: nested, ordered, quoted, starred, ticked with x or X', () => {
    const { runbook, at, source } = parsed('checklist-heavy.md');
    assert.deepEqual(
      runbook.checklistItems.map((item) => [item.section, item.text, item.checked, item.depth]),
      [
        ['first-five-minutes', 'Acknowledge the page in the on-call tool', false, 0],
        ['first-five-minutes', 'Post "investigating" in #inc-checkout', false, 0],
        ['first-five-minutes', 'Confirm the alert is not a dashboard glitch', true, 0],
        ['first-five-minutes', 'Note the start time for the timeline', false, 0],
        ['triage', 'Is p95 up for every region, or one?', false, 1],
        ['triage', 'Did error rate move with latency?', false, 1],
        ['triage', 'Any deploy in the last hour? See recent changes.', false, 1],
        ['triage', 'Customer-facing errors above 1%: declare SEV2', false, 1],
        ['triage', 'Latency only: stay at SEV3', true, 1],
        ['triage', 'Write down what you ruled out', false, 0],
        ['recent-changes', 'Check the deploy log for checkout-api', false, 0],
        ['recent-changes', 'Check feature-flag changes', false, 0],
        ['recent-changes', 'new-pricing-engine', false, 1],
        ['recent-changes', 'cart-v2', false, 1],
        ['wrap-up', 'Latency back under SLO for 15 minutes', false, 0],
        ['wrap-up', 'Status page set to resolved', false, 0],
        ['wrap-up', 'Follow-up ticket filed with the timeline', false, 0],
      ],
    );
    assert.equal(runbook.checklistItems[1]?.id, 'first-five-minutes/post-investigating-in-inc-checkout');
    for (const item of runbook.checklistItems) {
      assert.match(source.slice(item.boxOffset - 1, item.boxOffset + 2), item.checked ? /^\[[xX]\]$/ : /^\[ \]$/);
      assert.match(at(item.position), /^[-*] \[[ xX]\] /);
    }
    assert.deepEqual(
      runbook.links.map((link) => [link.text, link.anchor]),
      [['recent changes', 'recent-changes']],
    );
    assert.deepEqual(runbook.steps, []);
  });

  it('splits a block of six headed alternatives into its commands, each with heading, risk and exact text', () => {
    const { runbook, at } = parsed('mitigation-alternatives.md');
    const mitigation = stepIn(runbook, 'mitigation-options');
    assert.deepEqual(
      mitigation.commands.map((command) => [command.heading, command.risk, command.riskReason]),
      [
        ['1. Restart the API pods', 'mutate', 'kubectl rollout restart'],
        ['2. Add capacity', 'mutate', 'kubectl scale'],
        ['3. Send traffic to the static fallback', 'mutate', 'kubectl patch'],
        ['4. Fail the index database over to its replica', 'destroy', 'aws rds failover-db-cluster'],
        ['5. Roll back the last release', 'destroy', 'kubectl rollout undo'],
        ['5. Roll back the last release', 'destroy', 'kubectl rollout undo'],
        ['6. Turn off query expansion', 'mutate', 'kubectl set'],
      ],
    );
    assert.equal(mitigation.risk, 'destroy');
    const patch = mitigation.commands[2];
    assert.ok(patch?.text.startsWith("kubectl patch service search-api -n search -p '\nspec:"), 'the multi-line patch is one command');
    assert.ok(patch?.text.endsWith("app: search-fallback\n'"));
    assert.deepEqual(
      mitigation.commands.map((command) => command.position.start.line),
      [9, 12, 15, 22, 25, 26, 29],
    );
    for (const command of mitigation.commands) assert.equal(at(command.position), command.text);
    const verify = runbook.steps.find((step) => step.id === 'verify-search');
    assert.equal(verify?.risk, 'read');
    assert.deepEqual(
      verify?.commands.map((command) => command.text),
      ['kubectl get pods -n search -l app=search-api', 'curl -fsS https://search.example.com/healthz'],
    );
  });

  it('finds both kinds of template slot, but not links, task boxes or subject tags', () => {
    const { runbook, at } = parsed('status-templates.md');
    assert.deepEqual(
      runbook.templates.map((template) => [template.section, template.lang, template.slots.map((slot) => [slot.kind, slot.name])]),
      [
        [
          'internal-update',
          'markdown',
          [
            ['variable', 'INCIDENT_ID'],
            ['placeholder', 'One-line summary'],
            ['variable', 'SEVERITY'],
            ['placeholder', 'Investigating/Identified/Monitoring/Resolved'],
            ['variable', 'START_TIME'],
            ['variable', 'DURATION'],
            ['placeholder', 'Name of the incident commander'],
            ['placeholder', 'Two sentences, no speculation'],
            ['placeholder', 'Time, UTC'],
            ['variable', 'TICKET_URL'],
          ],
        ],
        [
          'customer-notice',
          'text',
          [
            ['placeholder', "Start time in the customer's timezone"],
            ['placeholder', 'Interval'],
            ['variable', 'INCIDENT_ID'],
          ],
        ],
        // A subject tag alone on its line is the title to fill in.
        [
          'resolution-notice',
          '',
          [
            ['placeholder', 'Short title of the incident'],
            ['placeholder', 'End time'],
            ['placeholder', 'Plain-language cause'],
          ],
        ],
      ],
    );
    for (const template of runbook.templates) {
      for (const slot of template.slots) assert.equal(at(slot.position), slot.raw);
    }
    assert.deepEqual(runbook.steps, [], 'templates are not steps');
    assert.deepEqual(runbook.checklistItems, [], 'a task box inside a template is text to copy');
  });

  it('reads a DR block: its risky commands in order, what it reads, its frontmatter, its criteria table', () => {
    const { runbook, at } = parsed('disaster-recovery.md');
    const activation = stepIn(runbook, 'activate-the-standby-region');
    assert.equal(activation.options.confirm, true);
    assert.deepEqual(
      activation.commands.filter((command) => command.risk !== 'read').map((command) => [command.heading, command.risk, command.riskReason]),
      [
        ['1. Tell the stakeholders', 'mutate', 'curl -X POST'],
        ['2. Bring up the standby stack', 'mutate', 'terraform workspace select'],
        ['2. Bring up the standby stack', 'destroy', 'terraform apply -auto-approve'],
        ['3. Restore the database from the latest snapshot', 'destroy', 'aws rds restore-db-instance-from-db-snapshot'],
        ['4. Point DNS at the standby region', 'destroy', 'aws route53 change-resource-record-sets'],
        ['5. Verify', 'mutate', 'unknown program ./scripts/verify-dr.sh'],
      ],
    );
    assert.equal(activation.risk, 'destroy');
    assert.deepEqual(activation.reads, ['INCIDENT_ID', 'SLACK_WEBHOOK_URL', 'LATEST_SNAPSHOT', 'ZONE_ID']);
    const restore = activation.commands.find((command) => command.text.startsWith('aws rds restore'));
    assert.ok(restore?.text.includes('\\\n  --db-instance-identifier orders-dr'), 'continued lines belong to their command');
    for (const command of activation.commands) assert.equal(at(command.position), command.text);
    assert.deepEqual(Object.keys(runbook.meta.variables), ['SLACK_WEBHOOK_URL', 'LATEST_SNAPSHOT', 'ZONE_ID']);
    assert.deepEqual(
      runbook.tables.map((table) => [table.section, table.header, table.rows]),
      [
        [
          'activation-criteria',
          ['Signal', 'Threshold'],
          [
            ['Primary region API errors', '> 50% for 30 min'],
            ['Database writable', 'no'],
          ],
        ],
      ],
    );
    assert.equal(runbook.steps.find((step) => step.id === 'check-standby')?.risk, 'read');
  });
});
