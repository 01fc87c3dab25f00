import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';
import { journal, runCli, useWorkspace } from './cli-harness.ts';

describe("the incident lifecycle on the user's runbook, through the CLI", () => {
  const workspace = useWorkspace();
  const cli = (argv: string[], env: NodeJS.ProcessEnv = {}) => runCli(argv, { cwd: workspace.dir, env });

  it('a P1: roles and a hand-over, ticks, a severity change, moments, resolve with a cause, list and the report', async function () {
    copyFileSync(requireMaterial(this, userRunbookPath(), 'user runbook'), join(workspace.dir, 'incident-response.md'));
    const started = await cli([
      'incident',
      'start',
      '--runbook',
      'incident-response.md',
      '--severity',
      'P1',
      '--title',
      'API latency',
      '--detected-at',
      '12m',
      '--format',
      'json',
    ]);
    assert.equal(started.code, 0, started.stderr);
    const id = (JSON.parse(started.stdout) as { id: string }).id;
    assert.equal((await cli(['incident', 'mark', 'impact-started', '--at', '20m'])).code, 0);
    assert.equal((await cli(['incident', 'assign', 'commander', 'Dana'], { RUNBOOK_USER: 'dana' })).code, 0);
    assert.equal((await cli(['incident', 'assign', 'technical-lead', 'Ravi'])).code, 0);
    assert.equal((await cli(['incident', 'assign', 'communications', 'Sam'])).code, 0);
    const tick = await cli(['check', 'incident-response.md', 'Confirm incident severity']);
    assert.equal(tick.code, 0, tick.stderr);
    const typo = await cli(['check', 'incident-response.md', 'Asses initial severty and impact']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /did you mean 'Assess initial severity and impact'/);
    assert.equal((await cli(['incident', 'severity', 'P0', '--reason', 'all regions'])).code, 0);
    const unchanged = await cli(['incident', 'severity', 'P0']);
    assert.match(unchanged.stdout, /severity unchanged \(P0\)/);
    assert.equal((await cli(['incident', 'assign', 'commander', 'Lee'], { RUNBOOK_USER: 'dana' })).code, 0);
    assert.equal((await cli(['incident', 'mark', 'mitigated'])).code, 0);
    const status = await cli(['incident', 'status']);
    assert.match(status.stdout, /\n {2}roles {7}commander Lee · lead Ravi · comms Sam\n/);
    assert.match(status.stdout, /\n {2}next update {1}due .+ \(every 15 min\)\n/);
    const listed = await cli(['check', 'incident-response.md', '--list']);
    assert.match(listed.stdout, /\[x\] Confirm incident severity/);
    const resolved = await cli([
      'incident',
      'resolve',
      '--summary',
      'rolled back',
      '--cause-category',
      'deployment',
      '--customer-impact',
      'slow API for 25 minutes',
    ]);
    assert.equal(resolved.code, 0, resolved.stderr);
    const again = await cli(['incident', 'resolve']);
    assert.match(again.stderr, new RegExp(`incident ${id} is already resolved`));
    const report = await cli(['incident', 'report', '--format', 'json']);
    assert.equal(report.code, 0, report.stderr);
    const metrics = JSON.parse(report.stdout) as Record<string, { samples?: number; meanMinutes?: number | null } & Record<string, unknown>>;
    assert.equal(metrics.total, 1);
    assert.deepEqual(metrics.byCauseCategory, { deployment: 1 });
    assert.equal(metrics.mttd?.samples, 1);
    assert.ok((metrics.mttd?.meanMinutes ?? 0) >= 7 && (metrics.mttd?.meanMinutes ?? 0) <= 9, JSON.stringify(metrics.mttd));
    assert.equal(metrics.mttr?.samples, 1);
    const handOver = journal(workspace.dir, id).filter((event) => event.type === 'assigned' && event.role === 'commander');
    assert.deepEqual(
      handOver.map(({ person, previous, who }) => [person, previous, who]),
      [
        ['Dana', undefined, 'dana'],
        ['Lee', 'Dana', 'dana'],
      ],
    );
  });
});
