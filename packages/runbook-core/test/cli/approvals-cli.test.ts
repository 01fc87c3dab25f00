import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliProcessArgs } from '../session/cli-process.ts';
import { useTempDir } from '../session/session-fixtures.ts';
import { until } from '../wait-until.ts';
import { cleanEnv, journal, runCli, startIncident } from './cli-harness.ts';

const fence = '```';

interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** `runbook …` as a process of its own, as `who`; ended by the test's cleanup if still running. */
function spawnCli(dir: string, who: string, argv: string[], running: RunningCli[]): RunningCli {
  const child = spawn(process.execPath, [...cliProcessArgs, ...argv], {
    cwd: dir,
    env: cleanEnv(dir, { RUNBOOK_USER: who, RUNBOOK_WATCH_POLL_MS: '50' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const handle = { child, stdout: () => out, stderr: () => err, exited };
  running.push(handle);
  return handle;
}

function writeRunbook(dir: string, frontmatter: string[]): void {
  const lines = ['---', 'title: Purge', ...frontmatter, '---', '', `${fence}bash {name=purge approve=1}`, `touch '${join(dir, 'ran')}'`, fence, ''];
  writeFileSync(join(dir, 'purge.md'), lines.join('\n'));
}

const waitingFor = (text: string) => /waiting for approval: runbook approve ([0-9a-f]{8})/.exec(text)?.[1];

describe('runbook approve / deny / incident approvals: two processes, two people', () => {
  const workspace = useTempDir('runbook-approvals-cli-');
  const running: RunningCli[] = [];
  afterEach(() => {
    for (const { child } of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('the run waits, printing how to approve; the other person sees the request and approves; self-approval exits 3', async () => {
    writeRunbook(workspace.dir, ['approvals:', '  store: any']);
    const id = await startIncident(workspace.dir);
    const run = spawnCli(workspace.dir, 'alice', ['run', 'purge.md', '--step', 'purge', '--yes'], running);
    const requestId = await until(() => waitingFor(run.stderr()));
    const listed = await runCli(['incident', 'approvals'], { cwd: workspace.dir, env: { RUNBOOK_USER: 'bob' } });
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`request ${requestId} · ${id} · step "purge"`));
    assert.match(listed.stdout, /asked by alice/);
    assert.ok(listed.stdout.includes(`[1] touch '${join(workspace.dir, 'ran')}'`), listed.stdout);
    const own = await runCli(['approve', requestId], { cwd: workspace.dir, env: { RUNBOOK_USER: 'alice' } });
    assert.equal(own.code, 3, own.stderr);
    assert.match(own.stderr, /another responder must approve it/);
    assert.equal(existsSync(join(workspace.dir, 'ran')), false);
    const approved = await runCli(['approve', requestId], { cwd: workspace.dir, env: { RUNBOOK_USER: 'bob' } });
    assert.equal(approved.code, 0, approved.stderr);
    assert.match(approved.stdout, /Approved: the step runs now\./);
    assert.equal(await run.exited, 0, run.stderr());
    assert.equal(existsSync(join(workspace.dir, 'ran')), true);
    const events = journal(workspace.dir, id).map((event) => `${String(event.type)} ${String(event.who)}`);
    assert.deepEqual(
      events.filter((line) => line.startsWith('approval-') || line.startsWith('step-')),
      ['approval-requested alice', 'approval-granted bob', 'step-started alice', 'step-finished alice'],
    );
    const timeline = await runCli(['incident', 'timeline'], { cwd: workspace.dir });
    assert.match(timeline.stdout, new RegExp(`Approval requested .*request ${requestId}.*@alice`));
    assert.match(timeline.stdout, /\| Approved \| "purge" .*@bob/);
  });

  it('deny needs a reason (exit 2); denied, the run exits 3 and nothing runs', async () => {
    writeRunbook(workspace.dir, ['approvals:', '  store: any']);
    await startIncident(workspace.dir);
    const run = spawnCli(workspace.dir, 'alice', ['run', 'purge.md', '--step', 'purge', '--yes'], running);
    const requestId = await until(() => waitingFor(run.stderr()));
    const bare = await runCli(['deny', requestId], { cwd: workspace.dir, env: { RUNBOOK_USER: 'bob' } });
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /--reason/);
    const denied = await runCli(['deny', requestId, '--reason', 'not during the sale'], { cwd: workspace.dir, env: { RUNBOOK_USER: 'bob' } });
    assert.equal(denied.code, 0, denied.stderr);
    assert.equal(await run.exited, 3);
    assert.match(run.stderr(), /denied by bob: not during the sale/);
    assert.equal(existsSync(join(workspace.dir, 'ran')), false);
    const again = await runCli(['approve', requestId], { cwd: workspace.dir, env: { RUNBOOK_USER: 'carol' } });
    assert.equal(again.code, 3);
    assert.match(again.stderr, /is denied; nothing was recorded/);
  });

  it('Ctrl-C while waiting withdraws the request: exit 130, journaled, and it is no longer listed', async () => {
    writeRunbook(workspace.dir, ['approvals:', '  store: any']);
    const id = await startIncident(workspace.dir);
    const run = spawnCli(workspace.dir, 'alice', ['run', 'purge.md', '--step', 'purge', '--yes'], running);
    const requestId = await until(() => waitingFor(run.stderr()));
    run.child.kill('SIGINT');
    assert.equal(await run.exited, 130);
    const withdrawn = journal(workspace.dir, id).find((event) => event.type === 'approval-withdrawn');
    assert.deepEqual([withdrawn?.requestId, withdrawn?.who, withdrawn?.reason], [requestId, 'alice', 'Ctrl-C']);
    const listed = await runCli(['incident', 'approvals'], { cwd: workspace.dir });
    assert.equal(listed.stdout, 'No approval requests are waiting.\n');
  });

  it('on the file store without approvals.store: any, the rule is stated and the step refused (exit 3)', async () => {
    writeRunbook(workspace.dir, []);
    await startIncident(workspace.dir);
    const result = await runCli(['run', 'purge.md', '--step', 'purge', '--yes'], { cwd: workspace.dir });
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, /needs approval by one other responder \(approve=1\), and the file store has no second authenticated person/);
    assert.equal(existsSync(join(workspace.dir, 'ran')), false);
  });

  it('an unknown or malformed request id is bad input (exit 2)', async () => {
    await startIncident(workspace.dir);
    const unknown = await runCli(['approve', 'abcdef12'], { cwd: workspace.dir });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no approval request 'abcdef12'/);
    const malformed = await runCli(['approve', 'nope'], { cwd: workspace.dir });
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /not a request id/);
  });
});

describe('runbook incident status --watch and tail -f: another process sees changes as they happen', () => {
  const workspace = useTempDir('runbook-live-cli-');
  const running: RunningCli[] = [];
  afterEach(() => {
    for (const { child } of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('tail -f prints a note and a tick made by another process, and exits 0 on Ctrl-C', async () => {
    await startIncident(workspace.dir);
    writeFileSync(join(workspace.dir, 'list.md'), '# Checklist\n\n- [ ] Page the database owner\n');
    const tail = spawnCli(workspace.dir, 'watcher', ['incident', 'tail', '-f'], running);
    await until(() => (tail.stdout().includes('Incident declared') ? true : undefined));
    const noted = await runCli(['incident', 'note', 'rolled back \u001b[31mred'], { cwd: workspace.dir, env: { RUNBOOK_USER: 'ana' } });
    assert.equal(noted.code, 0, noted.stderr);
    await until(() => (tail.stdout().includes('ana  rolled back \\x1b[31mred — Note') ? true : undefined));
    const ticked = await runCli(['check', 'list.md', 'Page the database owner'], { cwd: workspace.dir, env: { RUNBOOK_USER: 'ben' } });
    assert.equal(ticked.code, 0, ticked.stderr);
    await until(() => (tail.stdout().includes('ben  Checklist item done — Page the database owner') ? true : undefined));
    tail.child.kill('SIGINT');
    assert.equal(await tail.exited, 0, tail.stderr());
  });

  it('tail without -f prints the journal and exits', async () => {
    await startIncident(workspace.dir);
    await runCli(['incident', 'note', 'first'], { cwd: workspace.dir });
    const result = await runCli(['incident', 'tail'], { cwd: workspace.dir });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Incident declared/);
    assert.match(result.stdout, /tester {2}first — Note\n$/);
  });

  it('status --watch draws again when another process ticks an item or changes the severity', async () => {
    await startIncident(workspace.dir);
    writeFileSync(join(workspace.dir, 'list.md'), '# Checklist\n\n- [ ] Page the database owner\n');
    const watch = spawnCli(workspace.dir, 'watcher', ['incident', 'status', '--watch'], running);
    await until(() => (watch.stdout().includes('0 ticked') ? true : undefined));
    await runCli(['check', 'list.md', 'Page the database owner'], { cwd: workspace.dir, env: { RUNBOOK_USER: 'ben' } });
    await until(() => (watch.stdout().includes('1 ticked') ? true : undefined));
    await runCli(['incident', 'severity', 'P1'], { cwd: workspace.dir });
    await until(() => (/severity {4}P1/.test(watch.stdout().split('watching').at(-2) ?? '') ? true : undefined));
    watch.child.kill('SIGINT');
    assert.equal(await watch.exited, 0, watch.stderr());
  });
});
