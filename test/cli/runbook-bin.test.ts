import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, runBin } from './built-cli.ts';

const repoRoot = new URL('../../', import.meta.url).pathname;
const demo = 'demo-disk-pressure.md';
const secret = 'tok-5f3a9c1e7b2d';

/** The built `runbook` bin as a real process against the demo runbook, in a scratch workspace. */
describe('runbook (built bin, real processes)', () => {
  let built: Awaited<ReturnType<typeof buildCli>>;
  let workspace: string;
  const runbook = (...args: string[]) =>
    runBin(built.bin, args, {
      cwd: workspace,
      env: { PATH: process.env.PATH, HOME: workspace, RUNBOOK_WORKSPACE: workspace, RUNBOOK_USER: 'oncall', NO_COLOR: '1' },
    });
  const incidentDir = () => join(workspace, '.runbook', 'incidents', readdirSync(join(workspace, '.runbook', 'incidents'))[0]!);

  before(async () => {
    built = await buildCli();
  });
  after(() => built.remove());
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'runbook-bin-test-'));
    copyFileSync(join(repoRoot, 'runbooks', demo), join(workspace, demo));
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  it('prints its version', async () => {
    const result = await runbook('--version');
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'packages/runbook-core/package.json'), 'utf8')) as { version: string };
    assert.deepEqual(result, { code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('lists the runbooks of a folder', async () => {
    const result = await runbook('list', join(repoRoot, 'runbooks'));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /demo-disk-pressure\.md {2}Demo — disk pressure on this machine\n/);
    assert.match(result.stdout, /destroy clear-scratch bash · line \d+/);
  });

  it('runs a whole incident: start, steps across processes, ticks, status update, resolve, timeline', async () => {
    const started = await runbook('incident', 'start', '--severity', 'P2', '--runbook', demo);
    assert.equal(started.code, 0, started.stderr);
    const id = /^Started (INC-\d{8}-\d{4})/.exec(started.stdout)?.[1];
    assert.ok(id, started.stdout);
    assert.equal((await runbook('check', demo, 'Acknowledge the alert')).code, 0);
    const first = await runbook('run', demo, '--step', 'disk-usage', '--step', 'fullest-filesystem');
    assert.equal(first.code, 0, first.stderr);
    const [, mount, percent] = /Fullest: (.+) at (\d+)%/.exec(first.stdout) ?? [];
    assert.ok(mount && percent, first.stdout);
    const second = await runbook('run', demo, '--step', 'compare-threshold');
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout, `Incident ${id}: ${mount} is ${Number(percent) >= 90 ? 'above' : 'below'} 90%\n`);
    assert.equal((await runbook('check', demo, 'filesystems')).code, 0);
    const update = await runbook('render', demo, 'status-update', '--record');
    assert.match(update.stdout, new RegExp(`^Incident ${id} \\(P2\\) — disk pressure on the demo host\\.\\n`));
    assert.equal((await runbook('check', demo, 'Post a status update')).code, 0);
    const status = await runbook('incident', 'status');
    assert.match(status.stdout, /checklist {3}3 ticked\n {2}steps {7}3 run: 3 succeeded, 0 failed, 0 refused\n/);
    assert.equal((await runbook('incident', 'resolve', '--summary', 'Below the threshold')).code, 0);
    const timeline = await runbook('incident', 'timeline', '--incident', id);
    assert.equal(timeline.code, 0, timeline.stderr);
    const events = timeline.stdout
      .trimEnd()
      .split('\n')
      .slice(2)
      .map((row) => row.split(' | ').slice(1, 3).join(' | '));
    assert.match(events[6]!, new RegExp(`^Status update: Investigating \\| Incident ${id} \\(P2\\)`));
    assert.deepEqual(
      events.filter((_, index) => index !== 6),
      [
        'Demo — disk pressure on this machine | Incident declared (P2 Medium)',
        'Checklist item done | Acknowledge the alert',
        'Step succeeded in 0s | Ran "disk-usage"',
        'Step succeeded in 0s | Ran "fullest-filesystem"',
        'Step succeeded in 0s | Ran "compare-threshold"',
        'Checklist item done | Check which filesystems are under pressure',
        'Checklist item done | Post a status update',
        'Incident resolved | Below the threshold',
      ],
    );
    const logs = readdirSync(join(incidentDir(), 'logs'));
    assert.equal(logs.length, 3);
  });

  it('exits 2 for bad input and 3 for a refused step, with the flag to pass', async () => {
    const missing = await runbook('run', 'nope.md');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file: nope\.md/);
    const unknown = await runbook('run', demo, '--step', 'reboot');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Known steps:\n {2}disk-usage/);
    await runbook('incident', 'start', '--severity', 'P1', '--title', 'Disk full');
    const refused = await runbook('run', demo, '--step', 'clear-scratch');
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /pass --yes to run it unattended/);
    const ran = await runbook('run', demo, '--step', 'clear-scratch', '--yes');
    assert.equal(ran.code, 0, ran.stderr);
    assert.equal(ran.stdout, 'Cleared .runbook/demo-scratch\n');
  });

  it('never lets a secret given with --var reach stdout, stderr, the journal or the logs', async () => {
    await runbook('incident', 'start', '--severity', 'P1', '--title', 'Leak check');
    copyFileSync(join(repoRoot, 'packages/runbook-core/test/fixtures/cli/secrets.md'), join(workspace, 'leaky.md'));
    // Its steps print the token to stdout and stderr, and export a header holding it.
    const result = await runbook('run', 'leaky.md', '--var', `API_TOKEN=${secret}`);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /calling status with \*\*\*/);
    assert.match(result.stderr, /token on stderr: \*\*\*/);
    const stored = readdirSync(incidentDir(), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
      .join('\n');
    // The journal says a secret was set and a secret was exported, by name only.
    assert.match(stored, /"name":"API_TOKEN","secret":true/);
    assert.match(stored, /"name":"AUTH_HEADER","secret":true/);
    assert.match(stored, /calling status with \*\*\*/);
    for (const text of [result.stdout, result.stderr, stored]) assert.ok(!text.includes(secret), text);
  });
});
