import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../../packages/runbook-core/test/wait-until.ts';
import { type Responder, startSharedIncident, useResponders } from './responders.ts';

const fence = '```';

/** A runbook whose purge step is destructive (rm -rf) and the frontmatter asks one other responder for destroy steps. */
function writePurgeRunbook(person: Responder, frontmatter: string[] = []): string {
  mkdirSync(join(person.dir, 'target'));
  const lines = [
    '---',
    'title: Purge',
    'approvals:',
    '  destroy: 1',
    ...frontmatter,
    '---',
    '',
    `${fence}bash {name=purge}`,
    `rm -rf '${join(person.dir, 'target')}'`,
    fence,
    '',
  ];
  writeFileSync(join(person.dir, 'purge.md'), lines.join('\n'));
  return join(person.dir, 'target');
}

const waitingFor = (text: string) => /waiting for approval: runbook approve ([0-9a-f]{8})/.exec(text)?.[1];

describe('two-person rule on PostgreSQL: two roles, two processes', () => {
  const team = useResponders('Dana', 'Sam');

  it("a destructive step waits for the other role's approval, then runs; the journal names both by their roles", async () => {
    const [dana, sam] = team.people as [Responder, Responder];
    const id = await startSharedIncident(dana);
    const target = writePurgeRunbook(dana);
    const run = dana.spawn(['run', 'purge.md', '--step', 'purge', '--yes', '--incident', id]);
    const requestId = await until(() => waitingFor(run.stderr()));
    const listed = await sam.cli(['incident', 'approvals']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`request ${requestId} · ${id} · step "purge" · destroy · no cluster`));
    assert.match(listed.stdout, /asked by Dana/);
    assert.ok(listed.stdout.includes(`rm -rf '${target}'`), listed.stdout);
    assert.equal(existsSync(target), true, 'nothing ran before the approval');
    const approved = await sam.cli(['approve', requestId]);
    assert.equal(approved.code, 0, approved.stderr);
    assert.equal(await run.exited, 0, run.stderr());
    assert.equal(existsSync(target), false);
    const tail = await sam.cli(['incident', 'tail', '--incident', id]);
    assert.match(tail.stdout, /Dana {2}Approval requested \(1 of others, destroy\)/);
    assert.match(tail.stdout, /Sam {2}Approved — "purge"/);
    assert.match(tail.stdout, /Dana {2}Step succeeded/);
  });

  it('a denial stops the run (exit 3) and nothing is removed', async () => {
    const [dana, sam] = team.people as [Responder, Responder];
    const id = await startSharedIncident(dana);
    const target = writePurgeRunbook(dana);
    const run = dana.spawn(['run', 'purge.md', '--step', 'purge', '--yes', '--incident', id]);
    const requestId = await until(() => waitingFor(run.stderr()));
    const denied = await sam.cli(['deny', requestId, '--reason', 'backups not verified']);
    assert.equal(denied.code, 0, denied.stderr);
    assert.equal(await run.exited, 3);
    assert.match(run.stderr(), /denied by Sam: backups not verified/);
    assert.equal(existsSync(target), true);
  });

  it('a request nobody answers expires: the run journals it and refuses the step; a late approval exits 3', async () => {
    const [dana, sam] = team.people as [Responder, Responder];
    const id = await startSharedIncident(dana);
    const target = writePurgeRunbook(dana, ['  expires: 2s']);
    const run = dana.spawn(['run', 'purge.md', '--step', 'purge', '--yes', '--incident', id]);
    const requestId = await until(() => waitingFor(run.stderr()));
    assert.equal(await run.exited, 3);
    assert.match(run.stderr(), new RegExp(`approval ${requestId} expired at`));
    assert.equal(existsSync(target), true);
    const late = await sam.cli(['approve', requestId]);
    assert.equal(late.code, 3);
    assert.match(late.stderr, /is expired; nothing was recorded/);
    const tail = await sam.cli(['incident', 'tail', '--incident', id]);
    assert.match(tail.stdout, /Dana {2}Approval request expired/);
  });

  it('self-approval is refused even when the environment claims another name: the database records the role', async () => {
    const [dana, sam] = team.people as [Responder, Responder];
    const id = await startSharedIncident(dana);
    const target = writePurgeRunbook(dana);
    const run = dana.spawn(['run', 'purge.md', '--step', 'purge', '--yes', '--incident', id]);
    const requestId = await until(() => waitingFor(run.stderr()));
    const own = await dana.cli(['approve', requestId], { RUNBOOK_USER: 'Sam' });
    assert.equal(own.code, 3, own.stdout + own.stderr);
    assert.match(own.stderr, /recorded the approval as Dana, who asked for request/);
    const pending = await sam.cli(['incident', 'approvals', '--format', 'json']);
    assert.equal((JSON.parse(pending.stdout) as Array<{ request: { requestId: string } }>)[0]?.request.requestId, requestId);
    assert.equal(existsSync(target), true);
    assert.equal((await sam.cli(['approve', requestId])).code, 0);
    assert.equal(await run.exited, 0, run.stderr());
    assert.equal(existsSync(target), false);
  });
});
