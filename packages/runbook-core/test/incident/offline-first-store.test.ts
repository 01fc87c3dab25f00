import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJournalEvent } from '../../src/incident/create-event.ts';
import { FileIncidentStore } from '../../src/incident/file-incident-store.ts';
import type { IncidentStore } from '../../src/incident/incident-store.ts';
import { JournalStorageError } from '../../src/incident/journal-storage-error.ts';
import { OfflineFirstStore } from '../../src/incident/offline-first-store.ts';
import { parseJournal } from '../../src/incident/parse-journal.ts';
import { verifyJournal } from '../../src/incident/verify-journal.ts';

/** A real file store standing for the shared one, which can be made unreachable, and counts what reached it. */
function switchableStore(folder: string) {
  const inner = new FileIncidentStore(folder);
  const state = { down: false, calls: 0 };
  const guard = <T>(work: () => Promise<T>): Promise<T> => {
    state.calls += 1;
    if (state.down) return Promise.reject(new JournalStorageError('postgres://db/team', 'UNREACHABLE', 'the database cannot be reached (ECONNREFUSED)', 'use'));
    return work();
  };
  const store: IncidentStore = {
    location: 'postgres://db/team',
    create: (id) => guard(() => inner.create(id)),
    append: (id, events) => guard(() => inner.append(id, events)),
    read: (id) => guard(() => inner.read(id)),
    list: () => guard(() => inner.list()),
    current: () => inner.current(),
    setCurrent: (id) => inner.setCurrent(id),
    logPath: (id, name) => inner.logPath(id, name),
  };
  return { store, state, inner };
}

const note = (text: string) => createJournalEvent({ type: 'note', text }, { who: 'Dana' });
const texts = (journal: string | undefined) => parseJournal(journal ?? '', 'INC-1').events.map((event) => (event as { text?: string }).text);

describe('the offline-first store', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'runbook-offline-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps writing while the shared store is away, and sends everything once, in order, when it is back', async () => {
    const shared = switchableStore(join(root, 'shared'));
    let clock = new Date('2026-12-03T10:00:00Z');
    const store = new OfflineFirstStore({ shared: shared.store, workspace: join(root, 'mine'), now: () => clock });
    assert.equal(await store.create('INC-1'), true);
    const first = note('one');
    await store.append('INC-1', [first]);
    assert.deepEqual(texts(await store.read('INC-1')), ['one']);

    shared.state.down = true;
    clock = new Date('2026-12-03T10:05:00Z');
    await store.append('INC-1', [note('two')]);
    await store.append('INC-1', [note('three'), note('four')]);
    assert.deepEqual(await store.health(), { online: false, offlineSince: '2026-12-03T10:05:00.000Z', unsent: 3 });
    // Read offline: the last copy, then what waits, chained so the journal still verifies.
    assert.deepEqual(texts(await store.read('INC-1')), ['one', 'two', 'three', 'four']);
    assert.equal((await verifyJournal('INC-1', { store })).intact, true);
    assert.deepEqual(texts(await shared.inner.read('INC-1')), ['one']);

    shared.state.down = false;
    assert.deepEqual(await store.health(), { online: true, unsent: 0 });
    assert.deepEqual(texts(await shared.inner.read('INC-1')), ['one', 'two', 'three', 'four']);
    assert.equal((await verifyJournal('INC-1', { store: shared.inner })).intact, true);
  });

  it('starts an incident offline and sends its creation before its events', async () => {
    const shared = switchableStore(join(root, 'shared'));
    const store = new OfflineFirstStore({ shared: shared.store, workspace: join(root, 'mine') });
    shared.state.down = true;
    assert.equal(await store.create('INC-1'), true);
    assert.equal(await store.create('INC-1'), false);
    await store.append('INC-1', [note('from the train')]);
    assert.deepEqual(await store.list(), ['INC-1']);
    assert.equal(await shared.inner.read('INC-1'), undefined);
    shared.state.down = false;
    await store.append('INC-1', [note('back')]);
    assert.deepEqual(texts(await shared.inner.read('INC-1')), ['from the train', 'back']);
  });

  it('refuses, offline, an incident this workspace has never seen, and passes other errors through', async () => {
    const shared = switchableStore(join(root, 'shared'));
    const store = new OfflineFirstStore({ shared: shared.store, workspace: join(root, 'mine') });
    await assert.rejects(store.append('INC-9', [note('x')]), /does not exist/);
    await store.create('INC-1');
    shared.state.down = true;
    await assert.rejects(store.append('INC-9', [note('x')]), /incident 'INC-9' does not exist in postgres:\/\/db\/team/);
    await store.create('INC-2');
    await assert.rejects(store.append('INC-9', [note('x')]), /incident 'INC-9' does not exist/);
    const health = await store.health();
    assert.equal(health.online, false);
    assert.equal(health.unsent, 0);
  });
});
