import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJournalEvent } from '../../packages/runbook-core/src/incident/create-event.ts';
import { parseJournal } from '../../packages/runbook-core/src/incident/parse-journal.ts';
import { initStore } from '../../packages/runbook-core/src/incident/postgres/init-store.ts';
import { migrations } from '../../packages/runbook-core/src/incident/postgres/migrations.ts';
import { PostgresIncidentStore } from '../../packages/runbook-core/src/incident/postgres/postgres-incident-store.ts';
import type { PostgresStoreSettings } from '../../packages/runbook-core/src/incident/store-config.ts';
import { verifyJournal } from '../../packages/runbook-core/src/incident/verify-journal.ts';
import { type PostgresSettings, sharedPostgres, type TestDatabase, withClient } from '../support/postgres-server.ts';

function storeSettings(role: PostgresSettings): PostgresStoreSettings {
  return {
    url: `postgres://${role.user}@${role.host}:${role.port}/${role.database}`,
    host: role.host,
    port: role.port,
    database: role.database,
    user: role.user,
  };
}

function note(text: string) {
  return createJournalEvent({ type: 'note', text }, { who: 'Claimed Name' });
}

describe('the PostgreSQL incident store', () => {
  let database: TestDatabase;
  let workspace: string;
  const stores: PostgresIncidentStore[] = [];
  const storeAs = (role: PostgresSettings) => {
    const store = new PostgresIncidentStore({ settings: storeSettings(role), workspace, env: { PGPASSWORD: role.password } });
    stores.push(store);
    return store;
  };

  beforeEach(async function () {
    const server = await sharedPostgres(this);
    database = await server.createDatabase();
    workspace = mkdtempSync(join(tmpdir(), 'runbook-pg-store-'));
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    rmSync(workspace, { recursive: true, force: true });
  });

  async function initWith(roles: PostgresSettings[], people: Record<string, string> = {}) {
    return withClient(database.admin, (client) => initStore(client, { grant: roles.map((role) => role.user), people }));
  }

  it('keeps a journal whose chain verifies, with who as the database role mapped to a name', async () => {
    const dana = await database.createRole('dana');
    const sam = await database.createRole('sam');
    await initWith([dana, sam], { [dana.user]: 'Dana Lee' });
    const asDana = storeAs(dana);
    const asSam = storeAs(sam);
    assert.equal(await asDana.create('INC-1'), true);
    assert.equal(await asSam.create('INC-1'), false);
    await asDana.append('INC-1', [note('first'), note('second')]);
    await asSam.append('INC-1', [note('third')]);
    const text = await asSam.read('INC-1');
    const parsed = parseJournal(text!, 'INC-1');
    assert.deepEqual(
      parsed.events.map((event) => [event.who, (event as { text?: string }).text]),
      [
        ['Dana Lee', 'first'],
        ['Dana Lee', 'second'],
        [sam.user, 'third'],
      ],
    );
    const verification = await verifyJournal('INC-1', { store: asDana });
    assert.equal(verification.intact, true, JSON.stringify(verification.firstProblem));
    assert.deepEqual(await asDana.list(), ['INC-1']);
    assert.equal(await asDana.read('INC-2'), undefined);
  });

  it('never doubles an event sent twice', async () => {
    const dana = await database.createRole('dana');
    await initWith([dana]);
    const store = storeAs(dana);
    await store.create('INC-1');
    const event = note('once');
    await store.append('INC-1', [event]);
    await store.append('INC-1', [event, note('after')]);
    const lines = (await store.read('INC-1'))!.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.equal((await verifyJournal('INC-1', { store })).intact, true);
  });

  it('chains concurrent writers in commit order', async () => {
    const roles = await Promise.all([database.createRole('one'), database.createRole('two'), database.createRole('three')]);
    await initWith(roles);
    const writers = roles.map((role) => storeAs(role));
    await writers[0]!.create('INC-1');
    await Promise.all(
      writers.map(async (store, writer) => {
        for (let index = 0; index < 20; index += 1) await store.append('INC-1', [note(`${writer}-${index}`)]);
      }),
    );
    const parsed = parseJournal((await writers[0]!.read('INC-1'))!, 'INC-1');
    assert.equal(parsed.events.length, 60);
    assert.equal((await verifyJournal('INC-1', { store: writers[1]! })).intact, true);
    for (const writer of [0, 1, 2]) {
      const own = parsed.events.map((event) => (event as { text?: string }).text!).filter((text) => text.startsWith(`${writer}-`));
      assert.deepEqual(
        own,
        Array.from({ length: 20 }, (_, index) => `${writer}-${index}`),
      );
    }
  });

  it('refuses UPDATE, DELETE and a claimed who to the application role', async () => {
    const dana = await database.createRole('dana');
    await initWith([dana]);
    const store = storeAs(dana);
    await store.create('INC-1');
    await store.append('INC-1', [note('kept')]);
    await withClient(dana, async (client) => {
      await assert.rejects(client.query("UPDATE runbook.events SET body = '{}'"), /permission denied/);
      await assert.rejects(client.query('DELETE FROM runbook.events'), /permission denied/);
      await assert.rejects(client.query('TRUNCATE runbook.events'), /permission denied/);
      await assert.rejects(client.query("UPDATE runbook.incidents SET last_hash = 'x'"), /permission denied/);
      await assert.rejects(
        client.query(
          "INSERT INTO runbook.events (incident_id, event_id, body, who) VALUES ('INC-1', 'aaaaaaaaaaaa', '{\"eventId\":\"aaaaaaaaaaaa\"}', 'postgres')",
        ),
        /permission denied/,
      );
      await assert.rejects(
        client.query(
          `INSERT INTO runbook.events (incident_id, event_id, body) VALUES ('INC-1', 'bbbbbbbbbbbb', '{"eventId":"bbbbbbbbbbbb","who":"Someone Else"}')`,
        ),
        /without who or prev/,
      );
    });
    assert.equal((await store.read('INC-1'))!.trim().split('\n').length, 1);
  });

  it('applies migrations once, however often init runs, and says when a database has none', async () => {
    const dana = await database.createRole('dana');
    const store = storeAs(dana);
    await assert.rejects(store.list(), /runbook incident store init/);
    const first = await initWith([dana]);
    const second = await initWith([dana]);
    assert.deepEqual(
      first.applied.map((step) => step.version),
      migrations.map((step) => step.version),
    );
    assert.deepEqual(second.applied, []);
    assert.equal(second.from, first.to);
    const rows = await database.query<{ version: number }>('SELECT version FROM runbook.schema_migrations ORDER BY version');
    assert.deepEqual(
      rows.map((row) => row.version),
      migrations.map((step) => step.version),
    );
    await Promise.all([initWith([dana]), initWith([dana])]);
    assert.equal((await database.query('SELECT version FROM runbook.schema_migrations')).length, migrations.length);
  });

  it('tells a watcher which incident changed, and again after the server restarts', async function () {
    const server = await sharedPostgres(this);
    const dana = await database.createRole('dana');
    await initWith([dana]);
    const writer = storeAs(dana);
    const watcher = storeAs(dana);
    await writer.create('INC-1');
    const seen: string[] = [];
    const stop = await watcher.watch((id) => seen.push(id));
    try {
      await writer.append('INC-1', [note('live')]);
      await until(() => seen.includes('INC-1'));
      await server.stop();
      await server.start();
      seen.length = 0;
      await until(() => seen.includes('INC-1'));
      assert.equal((await watcher.health!()).online, true);
    } finally {
      await stop();
    }
  });
});

async function until(probe: () => boolean): Promise<void> {
  while (!probe()) await new Promise((resolve) => setTimeout(resolve, 20));
}
