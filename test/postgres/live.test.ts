import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../../packages/runbook-core/test/wait-until.ts';
import { type Responder, startSharedIncident, useResponders } from './responders.ts';

describe('live on PostgreSQL: one process sees what another records, as it happens', () => {
  const team = useResponders('Dana', 'Sam');

  it('tail -f under one role prints a tick made under another, named by the database', async () => {
    const [dana, sam] = team.people as [Responder, Responder];
    const id = await startSharedIncident(dana);
    writeFileSync(join(dana.dir, 'list.md'), '# Checklist\n\n- [ ] Freeze deploys\n');
    const tail = sam.spawn(['incident', 'tail', '-f', '--incident', id]);
    await until(() => (tail.stdout().includes('Incident declared') ? true : undefined));
    const ticked = await dana.cli(['check', 'list.md', 'Freeze deploys', '--incident', id]);
    assert.equal(ticked.code, 0, ticked.stderr);
    await until(() => (tail.stdout().includes('Dana  Checklist item done — Freeze deploys') ? true : undefined));
    tail.child.kill('SIGINT');
    assert.equal(await tail.exited, 0, tail.stderr());
  });

  it('status --watch under one role draws the tick, the role and the severity another sets', async () => {
    const [dana, sam] = team.people as [Responder, Responder];
    const id = await startSharedIncident(dana);
    writeFileSync(join(dana.dir, 'list.md'), '# Checklist\n\n- [ ] Freeze deploys\n');
    const watch = sam.spawn(['incident', 'status', '--watch', '--incident', id]);
    await until(() => (watch.stdout().includes('0 ticked') ? true : undefined));
    await dana.cli(['check', 'list.md', 'Freeze deploys', '--incident', id]);
    await until(() => (watch.stdout().includes('1 ticked') ? true : undefined));
    await dana.cli(['incident', 'assign', 'commander', 'Dana', '--incident', id]);
    await until(() => (/roles {7}commander Dana/.test(watch.stdout()) ? true : undefined));
    await dana.cli(['incident', 'severity', 'P0', '--incident', id]);
    await until(() => (/severity {4}P0/.test(watch.stdout()) ? true : undefined));
    watch.child.kill('SIGINT');
    assert.equal(await watch.exited, 0, watch.stderr());
  });
});
