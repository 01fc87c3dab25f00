import assert from 'node:assert/strict';
import { mkdir, readFile, rename, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  FileIncidentStore,
  JournalStorageError,
  listIncidents,
  loadIncident,
  recordEvent,
  setCurrentIncident,
  startIncident,
} from '../../src/incident/index.ts';
import { runCli } from '../cli/cli-harness.ts';
import { useTempWorkspace } from './fixtures/temp-workspace.ts';

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('incident journal: private, never through a symbolic link', () => {
  const workspace = useTempWorkspace();
  const start = () => startIncident({ workspace: workspace.path, severity: 'P2', title: 'disk', who: 'ana' });

  it('creates folders 0700 and files 0600 as such, whatever the umask, and a .gitignore of *', async () => {
    const umask = process.umask(0);
    try {
      const state = await start();
      const store = new FileIncidentStore(workspace.path);
      const log = await store.logPath(state.id, 'step.log');
      await setCurrentIncident(state.id, { workspace: workspace.path });
      const root = join(workspace.path, '.runbook');
      for (const folder of [root, join(root, 'incidents'), store.incidentDir(state.id), join(log, '..')]) assert.equal(await mode(folder), 0o700, folder);
      for (const file of [store.journalPath(state.id), join(root, 'current'), join(root, '.gitignore')]) assert.equal(await mode(file), 0o600, file);
      assert.match(await readFile(join(root, '.gitignore'), 'utf8'), /^\*$/m);
    } finally {
      process.umask(umask);
    }
  });

  it('refuses a journal.jsonl that is a symbolic link, and writes nothing through it', async () => {
    const state = await start();
    const journal = new FileIncidentStore(workspace.path).journalPath(state.id);
    const elsewhere = join(workspace.path, 'elsewhere.txt');
    await writeFile(elsewhere, 'precious\n');
    await rename(journal, `${journal}.moved`);
    await symlink(elsewhere, journal);
    await assert.rejects(recordEvent(state.id, { type: 'note', text: 'x' }, { workspace: workspace.path }), (error: unknown) => {
      assert.ok(error instanceof JournalStorageError);
      assert.equal(error.message, `cannot write ${journal}: it is a symbolic link, and nothing under .runbook/ is written through one`);
      return true;
    });
    assert.equal(await readFile(elsewhere, 'utf8'), 'precious\n');
  });

  it('refuses an incident folder that is a symbolic link: list reports it, note refuses it', async () => {
    const real = await start();
    const outside = join(workspace.path, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'journal.jsonl'), '');
    const linked = 'INC-20260101-0000';
    const linkPath = join(workspace.path, '.runbook', 'incidents', linked);
    await symlink(outside, linkPath);
    assert.deepEqual(await listIncidents({ workspace: workspace.path }), [real.id]);
    assert.deepEqual(await new FileIncidentStore(workspace.path).refusedEntries(), [linkPath]);
    await assert.rejects(recordEvent(linked, { type: 'note', text: 'x' }, { workspace: workspace.path }), /it is a symbolic link/);
    await assert.rejects(loadIncident(linked, { workspace: workspace.path }), /cannot use .*: it is a symbolic link/);
    await assert.rejects(new FileIncidentStore(workspace.path).logPath(linked, 'a.log'), /symbolic link/);
    assert.equal(await readFile(join(outside, 'journal.jsonl'), 'utf8'), '');

    const list = await runCli(['incident', 'list'], { cwd: workspace.path });
    assert.equal(list.code, 0);
    assert.match(list.stderr, new RegExp(`warning: ${linkPath} is not a real folder`));
    assert.doesNotMatch(list.stdout, new RegExp(linked));

    // Made current behind our back, it is still refused, in one line.
    await writeFile(join(workspace.path, '.runbook', 'current'), `${linked}\n`);
    const note = await runCli(['incident', 'note', 'through the link'], { cwd: workspace.path });
    assert.equal(note.code, 4);
    assert.equal(note.stderr, `runbook: cannot use ${linkPath}: it is a symbolic link, and nothing under .runbook/ is used through one\n`);
    assert.equal(await readFile(join(outside, 'journal.jsonl'), 'utf8'), '');
  });

  it('refuses a logs/ folder that is a symbolic link', async () => {
    const state = await start();
    const store = new FileIncidentStore(workspace.path);
    const outside = join(workspace.path, 'outside-logs');
    await mkdir(outside);
    await symlink(outside, join(store.incidentDir(state.id), 'logs'));
    await assert.rejects(store.logPath(state.id, 'step.log'), /logs: it is a symbolic link/);
  });
});
