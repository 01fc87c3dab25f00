import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { journal, runCli, startIncident, useWorkspace } from './cli-harness.ts';

describe('runbook check', () => {
  const workspace = useWorkspace('read-only.md');
  const cli = (argv: string[]) => runCli(argv, { cwd: workspace.dir });
  const file = () => readFileSync(join(workspace.dir, 'read-only.md'), 'utf8');

  it('ticks an item by its text for the current incident, leaving the file alone', async () => {
    const id = await startIncident(workspace.dir);
    const before = file();
    const result = await cli(['check', 'read-only.md', 'acknowledge the PAGE']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `Ticked [x] Acknowledge the page in ${id}\n`);
    assert.equal(file(), before);
    const ticked = journal(workspace.dir, id).filter((event) => event.type === 'checklist-ticked');
    assert.deepEqual(
      ticked.map((event) => [event.text, event.who]),
      [['Acknowledge the page', 'tester']],
    );
    const again = await cli(['check', 'read-only.md', 'Acknowledge the page']);
    assert.match(again.stdout, /^Unchanged: \[x\] Acknowledge the page \(already ticked in /);
    assert.equal(journal(workspace.dir, id).filter((event) => event.type === 'checklist-ticked').length, 1);
  });

  it('ticks by id and unticks with --uncheck', async () => {
    const id = await startIncident(workspace.dir);
    const listed = JSON.parse((await cli(['list', 'read-only.md', '--format', 'json'])).stdout) as Array<{
      checklistItems: Array<{ id: string; text: string }>;
    }>;
    const item = listed[0]!.checklistItems[2]!;
    await cli(['check', 'read-only.md', item.id]);
    const unticked = await cli(['check', 'read-only.md', item.id, '--uncheck']);
    assert.equal(unticked.stdout, `Unticked [ ] ${item.text} in ${id}\n`);
    const status = JSON.parse((await cli(['incident', 'status', '--format', 'json'])).stdout) as { checklist: Record<string, { checked: boolean }> };
    assert.equal(status.checklist[item.id]?.checked, false);
  });

  it('lists the candidates when the text matches several items (exit 2)', async () => {
    await startIncident(workspace.dir);
    const result = await cli(['check', 'read-only.md', 'look at']);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /'look at' matches 2 checklist items; name one by id:\n {2}\S+ {2}\[ \] Look at the dashboards {2}\(line \d+\)\n {2}\S+ {2}\[ \] Look at the logs/,
    );
  });

  it('names the items for an unknown one (exit 2)', async () => {
    await startIncident(workspace.dir);
    const result = await cli(['check', 'read-only.md', 'reboot everything']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no checklist item 'reboot everything' in read-only\.md\. Items:\n.*Acknowledge the page/);
  });

  it('with --write sets the box in the file, changing exactly one character', async () => {
    const before = file();
    const result = await cli(['check', 'read-only.md', 'dashboards', '--write']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'Ticked [x] Look at the dashboards and in read-only.md\n');
    const after = file();
    assert.equal(after.length, before.length);
    const changed = [...after].flatMap((char, index) => (char === before[index] ? [] : [index]));
    assert.equal(changed.length, 1);
    assert.equal(after.slice(changed[0]! - 1, changed[0]! + 2), '[x]');
    await cli(['check', 'read-only.md', 'dashboards', '--write', '--uncheck']);
    assert.equal(file(), before);
  });

  it('needs an incident unless --write (exit 2)', async () => {
    const result = await cli(['check', 'read-only.md', 'dashboards']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no current incident to tick 'Look at the dashboards' in: start one .* or --write to tick the file only/);
  });
});
