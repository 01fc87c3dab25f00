import assert from 'node:assert/strict';
import { chmod, chown, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FileIncidentStore, recordEvent, startIncident, verifyJournal } from '../../src/incident/index.ts';
import { runCliProcess, runsAsRoot, unprivilegedUid } from './fixtures/cli-process.ts';
import { useTempWorkspace } from './fixtures/temp-workspace.ts';

async function chownTree(path: string): Promise<void> {
  await chown(path, unprivilegedUid, unprivilegedUid);
  if (!(await stat(path)).isDirectory()) return;
  for (const entry of await readdir(path)) await chownTree(join(path, entry));
}

/** An open incident with one note, owned by whoever the CLI child runs as. */
async function incidentForChild(workspace: string): Promise<{ id: string; journal: string; before: string }> {
  const state = await startIncident({ workspace, severity: 'P2', title: 'disk', who: 'ana' });
  await recordEvent(state.id, { type: 'note', text: 'first look' }, { workspace, who: 'ana' });
  if (runsAsRoot) await chownTree(workspace);
  const journal = new FileIncidentStore(workspace).journalPath(state.id);
  return { id: state.id, journal, before: await readFile(journal, 'utf8') };
}

describe('incident journal: storage failures are results', function () {
  this.timeout(60_000);
  const workspace = useTempWorkspace();

  it('a note past the file size limit (ulimit -f) fails in one line with exit 4 and leaves the journal as it was', async () => {
    const { id, journal, before } = await incidentForChild(workspace.path);
    // The limit falls inside the note's line, so the write is cut short first and then refused.
    const blocks = Math.ceil(Buffer.byteLength(before) / 1024) + 1;
    const note = 'x'.repeat(4096);
    const result = await runCliProcess(workspace.path, ['incident', 'note', note], { prelude: `ulimit -f ${blocks}` });
    assert.equal(result.signal, null, 'SIGXFSZ is ignored, the write fails instead');
    assert.equal(result.stderr, `runbook: cannot write ${journal}: the file size limit is reached\n`);
    assert.equal(result.code, 4);
    assert.equal(await readFile(journal, 'utf8'), before, 'no torn line: the journal is byte for byte what it was');
    assert.equal((await verifyJournal(id, { workspace: workspace.path })).intact, true);
    // And the journal takes the next note once there is room.
    const again = await runCliProcess(workspace.path, ['incident', 'note', 'room again'], { unprivileged: true });
    assert.equal(again.code, 0, again.stderr);
    assert.equal((await verifyJournal(id, { workspace: workspace.path })).intact, true);
  });

  it('a read-only journal file: exit 4, the file and the cause named, nothing written', async () => {
    const { journal, before } = await incidentForChild(workspace.path);
    await chmod(journal, 0o400);
    const result = await runCliProcess(workspace.path, ['incident', 'note', 'try'], { unprivileged: true });
    assert.equal(result.stderr, `runbook: cannot write ${journal}: permission denied\n`);
    assert.equal(result.code, 4);
    assert.equal(await readFile(journal, 'utf8'), before);
  });

  it('a read-only incident folder: exit 4, one line, no stack trace, nothing written', async () => {
    const { journal, before } = await incidentForChild(workspace.path);
    await chmod(join(journal, '..'), 0o500);
    const result = await runCliProcess(workspace.path, ['incident', 'note', 'try'], { unprivileged: true });
    await chmod(join(journal, '..'), 0o700);
    assert.equal(result.stderr, `runbook: cannot write ${journal}: permission denied\n`);
    assert.equal(result.code, 4);
    assert.equal(await readFile(journal, 'utf8'), before);
  });
});
