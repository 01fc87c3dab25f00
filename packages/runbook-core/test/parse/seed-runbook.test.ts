import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Runbook, Step, Template } from '../../src/model.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { loadShellGrammar } from '../../src/shell/index.ts';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';

describe("parseRunbook on the user's runbook", () => {
  let source: string;
  let runbook: Runbook;

  before(async function () {
    const seedPath = requireMaterial(this, userRunbookPath(), 'user runbook');
    await loadShellGrammar();
    source = readFileSync(seedPath, 'utf8');
    runbook = parseRunbook(source, { path: seedPath });
  });

  const stepUnder = (heading: string): Step => {
    const step = runbook.steps.find((candidate) => candidate.section === heading);
    assert.ok(step, `a step under ${heading}`);
    return step;
  };
  const templateUnder = (heading: string, index = 0): Template => {
    const template = runbook.templates.filter((candidate) => candidate.section === heading)[index];
    assert.ok(template, `template ${index} under ${heading}`);
    return template;
  };
  const at = (position: { start: { offset: number }; end: { offset: number } }): string => source.slice(position.start.offset, position.end.offset);

  it('finds the heading tree with GitHub anchors', () => {
    assert.deepEqual(
      runbook.sections.map((section) => [section.depth, section.slug]),
      [
        [1, 'smartcloudops-ai---incident-response-procedures'],
        [1, 'phase-3-week-7-production-runbook---incident-management'],
        [2, 'table-of-contents'],
        [2, 'incident-response-framework'],
        [3, '1-incident-response-team-irt-'],
        [4, 'core-team-members'],
        [4, 'on-call-rotation'],
        [3, '2-incident-lifecycle'],
        [2, 'incident-classification'],
        [3, 'severity-levels-'],
        [4, 'p0---critical-response-15-minutes'],
        [4, 'p1---high-response-1-hour'],
        [4, 'p2---medium-response-4-hours'],
        [4, 'p3---low-response-next-business-day'],
        [3, 'impact-assessment-matrix'],
        [2, 'response-procedures'],
        [3, '1-initial-response-checklist-'],
        [4, 'immediate-actions-0-15-minutes'],
        [4, 'assessment-phase-15-30-minutes'],
        [3, '2-investigation-procedures'],
        [4, 'technical-investigation-workflow'],
        [4, 'root-cause-analysis-framework'],
        [3, '3-mitigation-strategies'],
        [4, 'immediate-mitigation-options'],
        [2, 'communication-plans'],
        [3, '1-internal-communication'],
        [4, 'incident-communication-channel-setup'],
        [4, 'status-update-template'],
        [3, '2-external-communication'],
        [4, 'customer-communication-templates'],
        [2, 'recovery-procedures'],
        [3, '1-service-recovery-verification'],
        [4, 'health-check-script'],
        [3, '2-data-integrity-verification'],
        [2, 'post-incident-analysis'],
        [3, '1-post-incident-review-process'],
        [4, 'timeline-requirements'],
        [4, 'post-incident-review-template'],
        [3, '2-metrics-and-kpis'],
        [4, 'incident-response-metrics'],
        [2, 'business-continuity'],
        [3, '1-disaster-recovery-plans'],
        [4, 'rtorpo-objectives'],
        [4, 'dr-activation-criteria'],
        [4, 'dr-activation-procedure'],
        [3, '2-communication-during-major-incidents'],
        [4, 'executive-escalation-p0-incidents'],
        [4, 'customer-communication-strategy'],
        [4, 'media-relations-if-required'],
      ],
    );
    const team = runbook.sections.find((section) => section.slug === '1-incident-response-team-irt-');
    assert.equal(team?.title, '1. Incident Response Team (IRT) 👥');
    assert.equal(team?.parent, 'incident-response-framework');
    assert.equal(team?.position.start.line, 15);
    assert.equal(at(team.position), '### 1. Incident Response Team (IRT) 👥');
  });

  it('resolves every table-of-contents link to a section', () => {
    const anchors = runbook.links.filter((link) => link.anchor !== undefined);
    assert.deepEqual(
      anchors.map((link) => [link.text, link.anchor]),
      [
        ['Incident Response Framework', 'incident-response-framework'],
        ['Incident Classification', 'incident-classification'],
        ['Response Procedures', 'response-procedures'],
        ['Communication Plans', 'communication-plans'],
        ['Recovery Procedures', 'recovery-procedures'],
        ['Post-Incident Analysis', 'post-incident-analysis'],
        ['Business Continuity', 'business-continuity'],
      ],
    );
    const slugs = new Set(runbook.sections.map((section) => section.slug));
    for (const link of anchors) assert.ok(slugs.has(link.anchor ?? ''), link.anchor);
    assert.equal(at(anchors[0]?.position ?? assert.fail()), '[Incident Response Framework](#incident-response-framework)');
  });

  it('finds the twelve checklist items, unchecked, in their sections, with their boxes', () => {
    const immediate = 'immediate-actions-0-15-minutes';
    const assessment = 'assessment-phase-15-30-minutes';
    assert.deepEqual(
      runbook.checklistItems.map((item) => [item.section, item.text, item.checked, item.depth]),
      [
        [immediate, 'Acknowledge the incident', false, 0],
        [immediate, 'Assess initial severity and impact', false, 0],
        [immediate, 'Open incident communication channel', false, 0],
        [immediate, 'Page appropriate team members', false, 0],
        [immediate, 'Begin investigation and logging', false, 0],
        [immediate, 'Implement immediate mitigation if obvious', false, 0],
        [assessment, 'Confirm incident severity', false, 0],
        [assessment, 'Assemble appropriate response team', false, 0],
        [assessment, 'Establish incident command structure', false, 0],
        [assessment, 'Create incident tracking ticket', false, 0],
        [assessment, 'Begin stakeholder communication', false, 0],
        [assessment, 'Implement war room if P0/P1', false, 0],
      ],
    );
    assert.equal(runbook.checklistItems[0]?.id, 'immediate-actions-0-15-minutes/acknowledge-the-incident');
    assert.equal(runbook.checklistItems[11]?.id, 'assessment-phase-15-30-minutes/implement-war-room-if-p0p1');
    for (const item of runbook.checklistItems) {
      assert.equal(source.slice(item.boxOffset - 1, item.boxOffset + 2), '[ ]');
      assert.equal(at(item.position), `- [ ] ${item.text}`);
    }
  });

  it('gives each fenced block its language, in order', () => {
    const blocks = [...runbook.steps, ...runbook.templates, ...runbook.diagrams].sort((a, b) => a.position.start.offset - b.position.start.offset);
    assert.deepEqual(
      blocks.map((block) => block.lang),
      ['bash', 'mermaid', 'bash', 'bash', 'bash', 'markdown', '', '', 'bash', 'bash', 'markdown', 'bash', 'bash'],
    );
    assert.equal(runbook.steps.length, 8);
    assert.ok(runbook.steps.every((step) => step.isShell));
  });

  it('splits the mitigation block into its seven commands with headings and risk', () => {
    const mitigation = stepUnder('immediate-mitigation-options');
    assert.deepEqual(
      mitigation.commands.map((command) => [command.heading, command.risk]),
      [
        ['1. Service Restart', 'mutate'],
        ['2. Scale Up Resources', 'mutate'],
        ['3. Traffic Routing (Emergency Maintenance Page)', 'mutate'],
        ['4. Database Failover', 'destroy'],
        ['5. Rollback Deployment', 'destroy'],
        ['5. Rollback Deployment', 'destroy'],
        ['6. Circuit Breaker Activation', 'mutate'],
      ],
    );
    assert.equal(mitigation.risk, 'destroy');
    assert.equal(mitigation.commands[0]?.text, 'kubectl rollout restart deployment/smartcloudops-api -n smartcloudops');
    assert.equal(mitigation.commands[3]?.text, 'aws rds failover-db-cluster --db-cluster-identifier smartcloudops-prod-cluster');
    assert.deepEqual(
      mitigation.commands.map((command) => command.position.start.line),
      [197, 200, 203, 219, 222, 223, 226],
    );
    for (const command of mitigation.commands) assert.equal(at(command.position), command.text);
  });

  it('names the risky commands of the DR activation block', () => {
    const activation = stepUnder('dr-activation-procedure');
    const risky = activation.commands.filter((command) => command.risk !== 'read');
    assert.deepEqual(
      risky.map((command) => [
        command.risk,
        command.text
          .split(/\s+\\?\s*/)
          .slice(0, 3)
          .join(' '),
      ]),
      [
        ['mutate', 'curl -X POST'],
        ['mutate', 'terraform workspace select'],
        ['destroy', 'terraform apply -var-file=dr.tfvars'],
        ['destroy', 'aws rds restore-db-instance-from-db-snapshot'],
        ['destroy', 'aws route53 change-resource-record-sets'],
        ['mutate', './scripts/dr_verification.sh'],
      ],
    );
    assert.equal(activation.risk, 'destroy');
    for (const command of activation.commands) assert.equal(at(command.position), command.text);
  });

  it('keeps the reads and writes of the investigation script', () => {
    const investigation = stepUnder('technical-investigation-workflow');
    assert.deepEqual(investigation.writes, ['INCIDENT_ID', 'TIMESTAMP']);
    assert.ok(investigation.reads.includes('INCIDENT_ID'));
    assert.ok(investigation.reads.includes('TIMESTAMP'));
    assert.ok(stepUnder('on-call-rotation').reads.includes('PAGERDUTY_API_KEY'));
  });

  it('finds the mermaid diagram', () => {
    assert.equal(runbook.diagrams.length, 1);
    const diagram = runbook.diagrams[0];
    assert.equal(diagram?.lang, 'mermaid');
    assert.equal(diagram?.section, '2-incident-lifecycle');
    assert.ok(diagram?.code.startsWith('graph TD\n    A[Incident Detected] --> B[Initial Assessment]'));
    assert.equal(diagram?.position.start.line, 38);
  });

  it('reads the impact assessment matrix as a table', () => {
    assert.equal(runbook.tables.length, 1);
    const table = runbook.tables[0];
    assert.equal(table?.section, 'impact-assessment-matrix');
    assert.deepEqual(table?.header, ['Affected Users', 'Service Impact', 'Severity', 'Response Time']);
    assert.deepEqual(table?.rows, [
      ['>75%', 'Complete outage', 'P0', '15 min'],
      ['25-75%', 'Major degradation', 'P1', '1 hour'],
      ['5-25%', 'Minor impact', 'P2', '4 hours'],
      ['<5%', 'Minimal impact', 'P3', 'Next day'],
    ]);
    assert.equal(table?.position.start.line, 94);
    assert.equal(table?.position.end.line, 99);
  });

  it('finds the placeholders of the status-update template', () => {
    const status = templateUnder('status-update-template');
    assert.equal(status.lang, 'markdown');
    assert.deepEqual(
      status.slots.map((slot) => [slot.kind, slot.name, slot.raw]),
      [
        ['variable', 'INCIDENT_ID', '${INCIDENT_ID}'],
        ['placeholder', 'Investigating/Mitigating/Resolved', '[Investigating/Mitigating/Resolved]'],
        ['placeholder', '0-3', '[0-3]'],
        ['variable', 'START_TIME', '${START_TIME}'],
        ['variable', 'DURATION', '${DURATION}'],
        ['variable', 'INCIDENT_TRACKING_URL', '${INCIDENT_TRACKING_URL}'],
      ],
    );
    for (const slot of status.slots) assert.equal(at(slot.position), slot.raw);
  });

  it('finds the placeholders of the customer templates, not their subject tags', () => {
    const initial = templateUnder('customer-communication-templates', 0);
    const resolution = templateUnder('customer-communication-templates', 1);
    assert.deepEqual(
      initial.slots.map((slot) => slot.name),
      ['Description of user-facing impact', "Time in customer's timezone"],
    );
    assert.deepEqual(
      resolution.slots.map((slot) => slot.name),
      ['Brief description', 'Total downtime', 'What was done to fix it', 'Brief explanation'],
    );
    assert.ok(initial.text.startsWith('Subject: [Action Required] Service Disruption'));
    for (const slot of [...initial.slots, ...resolution.slots]) assert.equal(at(slot.position), slot.raw);
  });

  it('reports only the prose inside the on-call block', () => {
    const onCall = stepUnder('on-call-rotation');
    assert.ok(runbook.messages.length > 0);
    for (const message of runbook.messages) {
      assert.equal(message.ruleId, 'shell-syntax');
      assert.equal(message.severity, 'warning');
      assert.ok(message.position.start.offset >= onCall.codePosition.start.offset);
      assert.ok(message.position.end.offset <= onCall.codePosition.end.offset);
    }
  });
});
