import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeShell, loadShellGrammar, type ShellAnalysis } from '../../src/shell/index.ts';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';

/** Fenced blocks by a plain line scan (the Markdown parser is tested on its own). */
function fencedBlocks(markdown: string): Array<{ lang: string; code: string }> {
  const blocks: Array<{ lang: string; code: string }> = [];
  let open: { lang: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      if (open) {
        blocks.push({ lang: open.lang, code: open.lines.map((text) => `${text}\n`).join('') });
        open = undefined;
      } else {
        open = { lang: line.slice(3).trim(), lines: [] };
      }
    } else {
      open?.lines.push(line);
    }
  }
  return blocks;
}

let bashBlocks: Array<{ lang: string; code: string }> = [];
function block(containing: string): ShellAnalysis {
  const found = bashBlocks.find((candidate) => candidate.code.includes(containing));
  assert.ok(found, `a bash block holding ${containing}`);
  return analyzeShell(found.code);
}

describe("shell analysis of the user's runbook", () => {
  before(function () {
    bashBlocks = fencedBlocks(readFileSync(requireMaterial(this, userRunbookPath(), 'user runbook'), 'utf8')).filter((block) => block.lang === 'bash');
    return loadShellGrammar();
  });

  it('has the bash blocks a reader sees', () => {
    assert.equal(bashBlocks.length, 8);
  });

  it('splits the mitigation block into its seven commands, each with its heading and risk', () => {
    const analysis = block('# 1. Service Restart');
    assert.deepEqual(
      analysis.commands.map((command) => [command.heading, command.risk, command.riskReason]),
      [
        ['1. Service Restart', 'mutate', 'kubectl rollout restart'],
        ['2. Scale Up Resources', 'mutate', 'kubectl scale'],
        ['3. Traffic Routing (Emergency Maintenance Page)', 'mutate', 'kubectl patch'],
        ['4. Database Failover', 'destroy', 'aws rds failover-db-cluster'],
        ['5. Rollback Deployment', 'destroy', 'kubectl rollout undo'],
        ['5. Rollback Deployment', 'destroy', 'kubectl rollout undo'],
        ['6. Circuit Breaker Activation', 'mutate', 'kubectl patch'],
      ],
    );
    const patch = analysis.commands[2]!;
    assert.ok(patch.text.startsWith("kubectl patch ingress smartcloudops-ingress -n smartcloudops -p '\nspec:"));
    assert.ok(patch.text.endsWith("number: 80\n'"), 'the multi-line patch is one command');
    assert.equal(analysis.risk, 'destroy');
    assert.deepEqual(analysis.syntaxErrors, []);
  });

  it('finds the risky commands of the DR activation block', () => {
    const analysis = block('# Disaster Recovery Activation Script');
    const byText = (start: string) => analysis.commands.find((command) => command.text.startsWith(start));
    assert.equal(byText('terraform apply -var-file=dr.tfvars -auto-approve')?.risk, 'destroy');
    assert.equal(byText('terraform apply')?.riskReason, 'terraform apply -auto-approve');
    assert.equal(byText('aws rds restore-db-instance-from-db-snapshot')?.risk, 'destroy');
    assert.equal(byText('aws route53 change-resource-record-sets')?.risk, 'destroy');
    assert.equal(byText('curl -X POST https://hooks.slack.com/disaster-recovery')?.risk, 'mutate');
    assert.equal(byText('terraform workspace select')?.risk, 'mutate');
    assert.equal(byText('./scripts/dr_verification.sh')?.riskReason, 'unknown program ./scripts/dr_verification.sh');
    assert.equal(byText('echo "🚨 DISASTER RECOVERY ACTIVATION"')?.risk, 'read');
    assert.equal(byText('curl -X POST')?.heading, '1. Notify stakeholders');
    assert.equal(byText('terraform apply')?.heading, '2. Activate DR environment', 'shares the heading of the line above');
  });

  it('reads the investigation script: its variables, headings and read-only checks', () => {
    const analysis = block('# Incident investigation script');
    assert.deepEqual(analysis.reads, ['INCIDENT_ID', 'TIMESTAMP']);
    assert.deepEqual(analysis.writes, ['INCIDENT_ID', 'TIMESTAMP']);
    assert.equal(analysis.commands[0]?.heading, undefined, 'the shebang and a comment cut off by a blank line head nothing');
    const health = analysis.commands.filter((command) => command.heading === '1. System Health Check');
    assert.deepEqual(
      health.map((command) => command.text),
      ['echo "1. SYSTEM HEALTH STATUS"', 'kubectl get nodes', 'kubectl get pods --all-namespaces | grep -v Running', 'echo'],
    );
    const risky = analysis.commands.filter((command) => command.risk !== 'read');
    assert.deepEqual(
      risky.map((command) => [command.heading, command.risk, command.riskReason]),
      [['6. Database Status', 'mutate', 'kubectl exec']],
    );
    assert.deepEqual(analysis.syntaxErrors, []);
  });

  it("reads the on-call block's API key and reports its prose as broken shell", () => {
    const analysis = block('api.pagerduty.com');
    assert.deepEqual(analysis.reads, ['PAGERDUTY_API_KEY']);
    assert.equal(analysis.commands[0]?.risk, 'read');
    assert.deepEqual(
      analysis.commands.slice(1).map((command) => command.text),
      [
        '1. Primary On-Call Engineer (0-15 minutes)',
        '2. Secondary On-Call Engineer (15-30 minutes)',
        '3. Engineering Manager (30-45 minutes)',
        '4. CTO (45+ minutes for P0 incidents)',
      ],
    );
    assert.ok(analysis.commands.slice(1).every((command) => command.risk === 'mutate' && command.riskReason?.startsWith('unknown program ')));
    assert.ok(analysis.syntaxErrors.length >= 4, JSON.stringify(analysis.syntaxErrors));
  });

  it("reads the Slack block's token, incident id and team members", () => {
    const analysis = block('conversations.create');
    assert.deepEqual(analysis.reads, ['SLACK_BOT_TOKEN', 'INCIDENT_ID', 'INCIDENT_TEAM_MEMBERS']);
    assert.deepEqual(
      analysis.commands.map((command) => [command.heading, command.risk]),
      [
        ['Create incident-specific Slack channel', 'mutate'],
        ['Invite key personnel', 'mutate'],
      ],
    );
  });

  it('treats the recovery check loop and its captured statuses as reads', () => {
    const analysis = block('# Comprehensive service recovery verification');
    assert.deepEqual(analysis.writes, ['endpoint', 'response', 'prometheus_status', 'grafana_status']);
    const loop = analysis.commands.find((command) => command.text.startsWith('for endpoint in'));
    assert.equal(loop?.risk, 'read');
    assert.deepEqual(loop?.programs, ['curl', 'echo']);
    const k6 = analysis.commands.find((command) => command.text.startsWith('kubectl run load-test'));
    assert.ok(k6?.text.endsWith('\nEOF'), 'the heredoc belongs to its command');
    assert.equal(k6?.risk, 'mutate');
  });
});
