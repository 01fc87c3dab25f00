import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { journal, runCli, useWorkspace } from './cli-harness.ts';

describe('runbook incident', () => {
  const workspace = useWorkspace('demo');
  const cli = (argv: string[], options: { interactive?: boolean; input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}) =>
    runCli(argv, { cwd: workspace.dir, ...options });

  async function start(...extra: string[]): Promise<string> {
    const started = await cli(['incident', 'start', '--format', 'json', ...extra]);
    assert.equal(started.code, 0, started.stderr);
    return (JSON.parse(started.stdout) as { id: string }).id;
  }

  it('starts an incident from a runbook: its title, the id template, current from then on', async () => {
    const result = await cli(['incident', 'start', '--severity', 'p1', '--runbook', 'demo.md']);
    assert.equal(result.code, 0, result.stderr);
    const [, id] =
      /^Started (INC-\d{8}-\d{4}) \(P1\) — Demo — disk pressure on this machine; response due .+ UTC\.\nIt is now the current incident\.\n$/.exec(
        result.stdout,
      ) ?? [];
    assert.ok(id, result.stdout);
    assert.equal(readFileSync(join(workspace.dir, '.runbook', 'current'), 'utf8'), `${id}\n`);
    const [started] = journal(workspace.dir, id);
    assert.equal(started?.runbook, 'demo.md');
    assert.equal(started?.who, 'tester');
  });

  it('gives a second incident of the same minute a suffix', async () => {
    const first = await start('--severity', 'P2', '--title', 'One');
    const second = await start('--severity', 'P2', '--title', 'Two', '--also');
    assert.notEqual(first, second);
    assert.ok(second.startsWith(first.slice(0, 17)));
    const third = await cli(['incident', 'start', '--severity', 'P3', '--title', 'Three', '--also']);
    assert.match(third.stdout, new RegExp(`It is now the current incident \\(${second} stays open: runbook incident switch ${second} goes back\\)\\.\\n$`));
  });

  it('needs a severity and a title: named flags without a terminal, questions with one', async () => {
    const noSeverity = await cli(['incident', 'start', '--title', 'x']);
    assert.equal(noSeverity.code, 2);
    assert.match(noSeverity.stderr, /pass --severity P0\.\.P1\.\.P2\.\.P3 \(no terminal to ask on\)/);
    const badSeverity = await cli(['incident', 'start', '--title', 'x', '--severity', 'P7']);
    assert.equal(badSeverity.code, 2);
    assert.match(badSeverity.stderr, /severity 'P7' is not one of P0, P1, P2, P3/);
    const asked = await cli(['incident', 'start', '--format', 'json'], { interactive: true, input: 'P0\nDatabase down\n' });
    assert.equal(asked.code, 0, asked.stderr);
    assert.match(asked.stderr, /Severity \(P0, P1, P2, P3\): Title \(what is happening\): /);
    assert.deepEqual((({ severity, title }) => ({ severity, title }))(JSON.parse(asked.stdout) as { severity: string; title: string }), {
      severity: 'P0',
      title: 'Database down',
    });
  });

  it('shows the status: severity, elapsed, response and next update due', async () => {
    const id = await start('--severity', 'P1', '--title', 'API errors', '--detected-at', '10m');
    const text = await cli(['incident', 'status']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^${id} {2}API errors\\n {2}severity {4}P1 High\\n {2}status {6}open · investigating\\n`));
    assert.match(text.stdout, /\n {2}response {4}due \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    assert.match(text.stdout, /\n {2}next update due \d{4}-\d\d-\d\d \d\d:\d\d UTC, in \d+m \(every 30 min\)\n/);
    const json = JSON.parse((await cli(['incident', 'status', '--format', 'json'])).stdout) as {
      id: string;
      detectedAt: string;
      statusNow: { responseDueAt: string; nextUpdateDueAt: string; responseOverdue: boolean; startedAt: string };
    };
    assert.equal(json.id, id);
    assert.equal(Date.parse(json.statusNow.responseDueAt) - Date.parse(json.statusNow.startedAt), 60 * 60_000);
    assert.equal(Date.parse(json.statusNow.nextUpdateDueAt) - Date.parse(json.statusNow.startedAt), 30 * 60_000);
    assert.equal(json.statusNow.responseOverdue, false);
    assert.ok(Date.parse(json.statusNow.startedAt) - Date.parse(json.detectedAt) >= 10 * 60_000 - 1000);
  });

  it('records notes and severity changes, resolves, and prints the review timeline', async () => {
    const id = await start('--severity', 'P2', '--title', 'Disk filling up');
    assert.equal((await cli(['incident', 'note', 'Cleared', 'old', 'logs'])).code, 0);
    const escalated = await cli(['incident', 'severity', 'P1', '--reason', 'customers affected']);
    assert.equal(escalated.stdout, `${id}: severity P2 → P1.\n`);
    const resolved = await cli(['incident', 'resolve', '--summary', 'Rotated the logs']);
    assert.match(resolved.stdout, new RegExp(`^Resolved ${id} after \\d+s\\.\\nNo incident is open now\\.\\n$`));
    // Resolving cleared the current incident: timeline shows the latest one.
    const timeline = await cli(['incident', 'timeline']);
    assert.equal(timeline.code, 0, timeline.stderr);
    assert.equal(timeline.stderr, `No current incident; showing the latest, ${id} (resolved).\n`);
    const rows = timeline.stdout.trimEnd().split('\n');
    assert.equal(rows[0], '| Time (UTC) | Event | Action Taken | Team Member |');
    assert.match(rows[2]!, /^\| \d\d:\d\d \| Disk filling up \| Incident declared \(P2 Medium\) \| @tester \|$/);
    assert.match(rows[3]!, /\| Cleared old logs \| Note \| @tester \|$/);
    assert.match(rows[4]!, /\| Severity P2 → P1 High \| customers affected \| @tester \|$/);
    assert.match(rows[5]!, /\| Incident resolved \| Rotated the logs \| @tester \|$/);
    const again = await cli(['incident', 'resolve', '--incident', id]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already resolved/);
    // Writing needs a current incident.
    const note = await cli(['incident', 'note', 'late']);
    assert.equal(note.code, 2);
    assert.match(note.stderr, /no current incident in .*: start one with 'runbook incident start' or pass --incident <id>/);
  });

  it('lists incidents, marks the current one, and switches', async () => {
    const first = await start('--severity', 'P3', '--title', 'First');
    const second = await start('--severity', 'P2', '--title', 'Second', '--also');
    const listed = await cli(['incident', 'list']);
    assert.match(listed.stdout, new RegExp(`^  ${first} {2}P3 {2}open {5}.+ {2}First\\n\\* ${second} {2}P2 {2}open {5}.+ {2}Second\\n$`));
    assert.equal((await cli(['incident', 'switch', first])).stdout, `${first} is now the current incident.\n`);
    assert.match((await cli(['incident', 'status'])).stdout, new RegExp(`^${first} `));
    const unknown = await cli(['incident', 'switch', 'INC-19990101-0000']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no incident 'INC-19990101-0000'/);
    const traversal = await cli(['incident', 'switch', '../../etc']);
    assert.equal(traversal.code, 2);
  });

  it('writes the monthly report as JSON with --output', async () => {
    await start('--severity', 'P1', '--title', 'One', '--detected-at', '5m');
    await cli(['incident', 'resolve']);
    const month = new Date().toISOString().slice(0, 7);
    const result = await cli(['incident', 'report', '--month', month, '--output', 'reports/incident-report.json']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      new RegExp(
        `^Incidents declared in ${month}: 1 \\(1 resolved, 0 open\\)\\n {2}by severity: {8}P0 0, P1 1, P2 0, P3 0\\n[\\s\\S]*MTTA 5(\\.\\d+)? min \\(1\\)`,
      ),
    );
    const report = JSON.parse(readFileSync(join(workspace.dir, 'reports', 'incident-report.json'), 'utf8')) as { total: number; mttr: { samples: number } };
    assert.equal(report.total, 1);
    assert.equal(report.mttr.samples, 1);
    const bad = await cli(['incident', 'report', '--month', '2026-13']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /month '2026-13' has no month 13/);
  });

  it('finds the workspace up the tree: the nearest folder with .runbook/', async () => {
    const id = await start('--severity', 'P2', '--title', 'From the top');
    const deeper = join(workspace.dir, 'a', 'b');
    mkdirSync(deeper, { recursive: true });
    const status = await cli(['incident', 'status'], { cwd: deeper, env: { RUNBOOK_WORKSPACE: '' } });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`^${id} `));
  });

  it('says there is no incident yet for status in an empty workspace (exit 2)', async () => {
    const status = await cli(['incident', 'status']);
    assert.equal(status.code, 2);
    assert.match(status.stderr, /no current incident in /);
  });

  it('exits 2 for a missing or unknown subcommand and stray arguments', async () => {
    for (const [argv, message] of [
      [['incident'], /missing subcommand: start, status/],
      [['incident', 'stop'], /unknown subcommand 'stop'/],
      [['incident', 'status', 'extra'], /status: unexpected argument 'extra'/],
      [['incident', 'note'], /note needs its text/],
      [['incident', 'report', '--month', 'May'], /month 'May' must be YYYY-MM/],
    ] as Array<[string[], RegExp]>) {
      const result = await cli(argv);
      assert.equal(result.code, 2, argv.join(' '));
      assert.match(result.stderr, message);
    }
  });
});
