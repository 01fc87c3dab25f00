import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startIncident } from '../../src/incident/index.ts';
import { journal, runCli, useWorkspace } from './cli-harness.ts';

describe('runbook incident: a lifecycle you can predict', () => {
  const workspace = useWorkspace('demo');
  const cli = (argv: string[], options: { interactive?: boolean; input?: string; env?: NodeJS.ProcessEnv } = {}) =>
    runCli(argv, { cwd: workspace.dir, ...options });
  const current = () => readFileSync(join(workspace.dir, '.runbook', 'current'), 'utf8').trim();

  async function start(...extra: string[]): Promise<string> {
    const started = await cli(['incident', 'start', '--format', 'json', ...extra]);
    assert.equal(started.code, 0, started.stderr);
    return (JSON.parse(started.stdout) as { id: string }).id;
  }

  it('refuses a second incident while one is open, naming it, unless --also (or yes on a terminal)', async () => {
    const first = await start('--severity', 'P1', '--title', 'Checkout errors');
    const refused = await cli(['incident', 'start', '--severity', 'P2', '--title', 'Other']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, new RegExp(`${first} \\(P1, Checkout errors\\) is open: pass --also`));
    assert.equal(current(), first);
    const declined = await cli(['incident', 'start', '--severity', 'P2', '--title', 'Other'], { interactive: true, input: 'n\n' });
    assert.equal(declined.code, 2);
    assert.match(declined.stderr, /Start another incident\? \[y\/N\]/);
    const accepted = await cli(['incident', 'start', '--severity', 'P2', '--title', 'Other', '--format', 'json'], { interactive: true, input: 'y\n' });
    assert.equal(accepted.code, 0, accepted.stderr);
    const second = (JSON.parse(accepted.stdout) as { id: string }).id;
    assert.notEqual(second, first);
    const third = await start('--severity', 'P3', '--title', 'Third', '--also');
    assert.equal(current(), third);
  });

  it('resolving the current incident while another is open makes that one current and says so; a second resolve says already resolved', async () => {
    const first = await start('--severity', 'P1', '--title', 'One');
    const second = await start('--severity', 'P2', '--title', 'Two', '--also');
    const resolved = await cli(['incident', 'resolve', '--summary', 'fixed']);
    assert.equal(resolved.code, 0, resolved.stderr);
    assert.match(resolved.stdout, new RegExp(`^Resolved ${second} after .+\\.\\n${first} \\(still open\\) is now the current incident\\.\\n$`));
    assert.equal(current(), first);
    const again = await cli(['incident', 'resolve', '--incident', second]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, new RegExp(`incident ${second} is already resolved`));
    const last = await cli(['incident', 'resolve']);
    assert.equal(last.code, 0, last.stderr);
    assert.match(last.stdout, /No incident is open now\.\n$/);
    const twice = await cli(['incident', 'resolve']);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, new RegExp(`incident ${first} is already resolved and no incident is current`));
  });

  it('changes severity only while open and only when it changes', async () => {
    const id = await start('--severity', 'P0', '--title', 'Outage');
    const same = await cli(['incident', 'severity', 'p0']);
    assert.equal(same.code, 0, same.stderr);
    assert.equal(same.stdout, `${id}: severity unchanged (P0).\n`);
    assert.equal(journal(workspace.dir, id).filter((event) => event.type === 'severity-changed').length, 0);
    const lower = await cli(['incident', 'severity', 'P1', '--reason', 'contained']);
    assert.equal(lower.stdout, `${id}: severity P0 → P1.\n`);
    await cli(['incident', 'resolve']);
    const after = await cli(['incident', 'severity', 'P2', '--incident', id]);
    assert.equal(after.code, 2);
    assert.match(after.stderr, /is resolved; reopen it to change its severity/);
    assert.equal(journal(workspace.dir, id).filter((event) => event.type === 'severity-changed').length, 1);
  });

  it('cancels with a reason, reopens, and lists open incidents first', async () => {
    const first = await start('--severity', 'P2', '--title', 'False alarm');
    const noReason = await cli(['incident', 'cancel']);
    assert.equal(noReason.code, 2);
    assert.match(noReason.stderr, /cancel needs --reason/);
    const cancelled = await cli(['incident', 'cancel', '--reason', 'alert misfired']);
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.match(cancelled.stdout, new RegExp(`^Cancelled ${first}: alert misfired\\.\\nNo incident is open now\\.\\n$`));
    const second = await start('--severity', 'P1', '--title', 'Real one');
    const listed = await cli(['incident', 'list']);
    const lines = listed.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', new RegExp(`^\\* ${second} +P1 +open `));
    assert.match(lines[1] ?? '', new RegExp(`^ {2}${first} +P2 +cancelled `));
    const reopened = await cli(['incident', 'reopen', first, '--reason', 'it was real']);
    assert.equal(reopened.code, 0, reopened.stderr);
    assert.equal(current(), first);
    const status = await cli(['incident', 'status', '--format', 'json']);
    assert.equal((JSON.parse(status.stdout) as { status: string }).status, 'open');
    const reopenOpen = await cli(['incident', 'reopen', first]);
    assert.equal(reopenOpen.code, 2);
    assert.match(reopenOpen.stderr, /is open already/);
  });

  it('starts drills and duplicates without asking, and marks them', async () => {
    const real = await start('--severity', 'P1', '--title', 'Real');
    const drill = await start('--severity', 'P2', '--title', 'Game day', '--drill');
    const badDuplicate = await cli(['incident', 'start', '--severity', 'P1', '--title', 'x', '--duplicate-of', 'INC-nope']);
    assert.equal(badDuplicate.code, 2);
    assert.match(badDuplicate.stderr, /duplicate-of 'INC-nope' does not exist/);
    const duplicate = await cli(['incident', 'start', '--severity', 'P1', '--title', 'Same alert', '--duplicate-of', real]);
    assert.equal(duplicate.code, 0, duplicate.stderr);
    assert.match(duplicate.stdout, new RegExp(`\\[duplicate of ${real}\\]`));
    assert.equal(journal(workspace.dir, drill)[0]?.drill, true);
  });

  it('assigns roles and records hand-overs; status shows them; the same person again is unchanged', async () => {
    const id = await start('--severity', 'P1', '--title', 'API errors');
    const ic = await cli(['incident', 'assign', 'IC', 'Dana', 'Lee']);
    assert.equal(ic.code, 0, ic.stderr);
    assert.equal(ic.stdout, `${id}: commander is Dana Lee.\n`);
    assert.equal((await cli(['incident', 'assign', 'comms', 'Sam'])).code, 0);
    const handOver = await cli(['incident', 'assign', 'commander', 'Ravi'], { env: { RUNBOOK_USER: 'dana' } });
    assert.equal(handOver.stdout, `${id}: commander is Ravi (handed over from Dana Lee).\n`);
    const same = await cli(['incident', 'assign', 'commander', 'Ravi']);
    assert.match(same.stdout, /unchanged/);
    const typo = await cli(['incident', 'assign', 'comander', 'X']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /role 'comander' \(did you mean 'commander'\?\)/);
    const assigned = journal(workspace.dir, id).filter((event) => event.type === 'assigned');
    assert.deepEqual(
      assigned.map(({ role, person, previous, who }) => ({ role, person, previous, who })),
      [
        { role: 'commander', person: 'Dana Lee', previous: undefined, who: 'tester' },
        { role: 'comms', person: 'Sam', previous: undefined, who: 'tester' },
        { role: 'commander', person: 'Ravi', previous: 'Dana Lee', who: 'dana' },
      ],
    );
    const status = await cli(['incident', 'status']);
    assert.match(status.stdout, /\n {2}roles {7}commander Ravi · comms Sam\n/);
    const json = JSON.parse((await cli(['incident', 'status', '--format', 'json'])).stdout) as { roles: Record<string, string> };
    assert.deepEqual(json.roles, { commander: 'Ravi', comms: 'Sam' });
  });

  it('marks the moments after the fact; refuses a future time and resolved on an open incident', async () => {
    const id = await start('--severity', 'P1', '--title', 'Latency');
    const impact = await cli(['incident', 'mark', 'impact-start', '--at', '40m']);
    assert.equal(impact.code, 0, impact.stderr);
    assert.equal((await cli(['incident', 'mark', 'detected', '--at', '2026-01-01T10:00:00Z'])).code, 0);
    assert.equal((await cli(['incident', 'mark', 'mitigated'])).code, 0);
    const future = await cli(['incident', 'mark', 'acknowledged', '--at', '2999-01-01T00:00:00Z']);
    assert.equal(future.code, 2);
    assert.match(future.stderr, /is in the future/);
    const early = await cli(['incident', 'mark', 'resolved', '--at', '5m']);
    assert.equal(early.code, 2);
    assert.match(early.stderr, /is open: resolve it/);
    const typo = await cli(['incident', 'mark', 'mitigatd']);
    assert.match(typo.stderr, /unknown moment 'mitigatd' \(did you mean 'mitigated'\?\)/);
    const marks = journal(workspace.dir, id).filter((event) => event.type === 'marked');
    assert.deepEqual(
      marks.map((event) => event.milestone),
      ['impact-started', 'detected', 'mitigated'],
    );
    assert.equal(marks[1]?.at, '2026-01-01T10:00:00.000Z');
    const status = await cli(['incident', 'status']);
    assert.match(status.stdout, /\n {2}detected {4}2026-01-01 10:00 UTC\n/);
    await cli(['incident', 'resolve', '--cause-category', 'Deployment', '--customer-impact', 'slow checkout']);
    const resolvedMark = await cli(['incident', 'mark', 'resolved', '--at', '2m', '--incident', id]);
    assert.equal(resolvedMark.code, 0, resolvedMark.stderr);
    const state = JSON.parse((await cli(['incident', 'status', '--incident', id, '--format', 'json'])).stdout) as Record<string, string>;
    assert.equal(state.causeCategory, 'deployment');
    assert.equal(state.customerImpact, 'slow checkout');
    assert.equal(state.resolvedAt, journal(workspace.dir, id).at(-1)?.at);
  });

  it('status says when the next update is due, and how late it is once overdue', async () => {
    await start('--severity', 'P1', '--title', 'Fresh');
    const fresh = await cli(['incident', 'status']);
    assert.match(fresh.stdout, /\n {2}next update {1}due \d{4}-\d\d-\d\d \d\d:\d\d UTC, in \d+m \(every 30 min\)\n/);
    const late = await startIncident({ workspace: workspace.dir, severity: 'P0', title: 'Old', now: new Date(Date.now() - 40 * 60_000), who: 'x' });
    const overdue = await cli(['incident', 'status', '--incident', late.id]);
    assert.match(overdue.stdout, /\n {2}next update {1}OVERDUE by 2\d+m, was due .+ UTC \(every 15 min\): post a status update\n/);
  });
});
