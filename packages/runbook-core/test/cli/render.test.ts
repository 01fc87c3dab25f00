import assert from 'node:assert/strict';
import { journal, runCli, startIncident, useWorkspace } from './cli-harness.ts';

describe('runbook render', () => {
  const workspace = useWorkspace('read-only.md', 'secrets.md', 'demo');
  const cli = (argv: string[], env: NodeJS.ProcessEnv = {}) => runCli(argv, { cwd: workspace.dir, env });

  it("fills the status update with the incident's values and reports unfilled slots with their place", async () => {
    const id = await startIncident(workspace.dir);
    const result = await cli(['render', 'read-only.md', 'status-update']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      new RegExp(`^Incident ${id} \\(P2\\) on checkout: Investigating\\.\\nStarted \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC; ticket \\$\\{TICKET_URL\\}\\.\\n$`),
    );
    assert.match(
      result.stderr,
      /1 slot left empty \(fill with --fill "KEY=…" for \[brackets\], --var NAME=… for \$\{NAME\}\):\n {2}read-only\.md:53:31 {2}\$\{TICKET_URL\}\n/,
    );
  });

  it('takes --var over the environment over defaults', async () => {
    await startIncident(workspace.dir);
    const result = await cli(['render', 'read-only.md', 'Status update', '--var', 'TICKET_URL=https://t/1'], { SERVICE: 'payments' });
    assert.match(result.stdout, /on payments: Investigating\.\n.*ticket https:\/\/t\/1\.\n$/);
    assert.equal(result.stderr, '');
  });

  it('renders without an incident, leaving incident slots unfilled', async () => {
    const result = await cli(['render', 'demo.md', 'status-update']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Incident \$\{INCIDENT_ID\} \(\$\{INCIDENT_SEVERITY\}\)/);
    assert.match(result.stderr, /5 slots left empty/);
    assert.match(result.stderr, /demo\.md:71:9 {2}\[Investigating\/Mitigating\/Resolved\]\n/);
  });

  it('records the text as a status update with --record, which resets the next-update clock', async () => {
    const id = await startIncident(workspace.dir);
    const result = await cli(['render', 'demo.md', 'status-update', '--record']);
    assert.equal(result.code, 0, result.stderr);
    const update = journal(workspace.dir, id).find((event) => event.type === 'status-update');
    assert.equal(update?.text, result.stdout.replace(/\n$/, ''));
    assert.equal(update?.phase, 'investigating');
    await cli(['incident', 'resolve']);
    const closed = await cli(['render', 'demo.md', 'status-update', '--record', '--incident', id]);
    assert.equal(closed.code, 2);
    assert.match(closed.stderr, /is resolved; a status update cannot be recorded in it/);
  });

  it('lists the templates for an unknown one (exit 2)', async () => {
    const result = await cli(['render', 'demo.md', 'customer-email']);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /no template 'customer-email' in demo\.md\. Templates:\n {2}status-update {2}"Status update" {2}\(status-update\/\w+, line \d+; slots: \$\{INCIDENT_ID\}/,
    );
  });
});
