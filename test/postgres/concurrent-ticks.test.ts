import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIncident, recordEvent, startIncident } from '../../packages/runbook-core/src/incident/index.ts';
import { initStore } from '../../packages/runbook-core/src/incident/postgres/init-store.ts';
import { PostgresIncidentStore } from '../../packages/runbook-core/src/incident/postgres/postgres-incident-store.ts';
import { verifyJournal } from '../../packages/runbook-core/src/incident/verify-journal.ts';
import { type PostgresSettings, sharedPostgres, type TestDatabase, withClient } from '../support/postgres-server.ts';

describe('two responders tick the same item at once (PostgreSQL)', () => {
  let database: TestDatabase;
  let workspace: string;
  const stores: PostgresIncidentStore[] = [];
  const storeAs = (role: PostgresSettings) => {
    const settings = {
      url: `postgres://${role.user}@${role.host}:${role.port}/${role.database}`,
      host: role.host,
      port: role.port,
      database: role.database,
      user: role.user,
    };
    const store = new PostgresIncidentStore({ settings, workspace, env: { PGPASSWORD: role.password } });
    stores.push(store);
    return store;
  };

  beforeEach(async function () {
    database = await (await sharedPostgres(this)).createDatabase();
    workspace = mkdtempSync(join(tmpdir(), 'runbook-pg-ticks-'));
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    rmSync(workspace, { recursive: true, force: true });
  });

  it('converges to one state for both, with both ticks in the journal, chained, each under its own role', async () => {
    const dana = await database.createRole('dana');
    const sam = await database.createRole('sam');
    await withClient(database.admin, (client) =>
      initStore(client, { grant: [dana.user, sam.user], people: { [dana.user]: 'Dana Lee', [sam.user]: 'Sam Ortiz' } }),
    );
    const asDana = storeAs(dana);
    const asSam = storeAs(sam);
    const started = await startIncident({ store: asDana, severity: 'P1', title: 'Checkout down' });
    const item = { itemId: 'ack', text: 'Acknowledge the alert' };

    // Both read the item unticked, then both tick it at the same moment: what two windows do in a race.
    const [danaSaw, samSaw] = await Promise.all([loadIncident(started.id, { store: asDana }), loadIncident(started.id, { store: asSam })]);
    assert.equal(danaSaw.checklist.get('ack')?.checked ?? false, false);
    assert.equal(samSaw.checklist.get('ack')?.checked ?? false, false);
    for (let round = 0; round < 5; round++) {
      await Promise.all([
        recordEvent(started.id, { type: 'checklist-ticked', ...item }, { store: asDana }),
        recordEvent(started.id, { type: 'checklist-ticked', ...item }, { store: asSam }),
      ]);
    }

    const [danaNow, samNow] = await Promise.all([loadIncident(started.id, { store: asDana }), loadIncident(started.id, { store: asSam })]);
    assert.equal(danaNow.checklist.get('ack')?.checked, true);
    assert.deepEqual(danaNow.checklist.get('ack'), samNow.checklist.get('ack'), 'both see the same state');
    const ticks = danaNow.events.filter((event) => event.type === 'checklist-ticked');
    assert.equal(ticks.length, 10, 'every tick is kept');
    assert.deepEqual([...new Set(ticks.map((event) => event.who))].sort(), ['Dana Lee', 'Sam Ortiz']);
    assert.equal((await verifyJournal(started.id, { store: asSam })).intact, true);
  });
});
