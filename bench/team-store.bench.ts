// The shared incident store on PostgreSQL (a throwaway cluster on loopback,
// fsync and synchronous commit on, as shipped):
//  - one event appended at a time: median and p99, against the file store's
//    fsynced append in the same run;
//  - eight writers × 1,000 events at once into one incident (every writer
//    waits on the incident's row lock, the worst case) and into eight
//    incidents, each writer sending every 50th event twice as a retry would:
//    events lost, doubled, and events per second; the chain verified.
// Run from the repository root: npm run bench -- team-store
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJournalEvent, FileIncidentStore, type JournalEvent, verifyJournal } from '../packages/runbook-core/src/incident/index.ts';
import { initStore } from '../packages/runbook-core/src/incident/postgres/init-store.ts';
import { PostgresIncidentStore } from '../packages/runbook-core/src/incident/postgres/postgres-incident-store.ts';
import { postgresMissing, startPostgresServer, type PostgresSettings, withClient } from '../test/support/postgres-server.ts';
import { median } from './measure.ts';

const SINGLE = 1000;
const WRITERS = 8;
const PER_WRITER = 1000;
const RETRY_EVERY = 50;

const missing = postgresMissing();
if (missing !== undefined) {
  console.log(`skipped: ${missing}`);
  process.exit(0);
}

const server = await startPostgresServer();
const workspace = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'team-store-bench-'));
const database = await server.createDatabase();
const roles = await Promise.all(Array.from({ length: WRITERS }, () => database.createRole('writer')));
await withClient(database.admin, (client) => initStore(client, { grant: roles.map((role) => role.user) }));
const storeAs = (role: PostgresSettings) =>
  new PostgresIncidentStore({
    settings: {
      url: `postgres://${role.user}@${role.host}:${role.port}/${role.database}`,
      host: role.host,
      port: role.port,
      database: role.database,
      user: role.user,
    },
    workspace,
    env: { PGPASSWORD: role.password },
  });
const note = (text: string): JournalEvent =>
  createJournalEvent({ type: 'note', text: `${text}: error rate falling after the restart of smartcloudops-api` }, { who: 'bench' });

try {
  // One event at a time, the two stores interleaved so both see the same machine.
  const shared = storeAs(roles[0]!);
  const local = new FileIncidentStore(workspace);
  await shared.create('INC-SINGLE');
  await local.create('INC-SINGLE');
  const timings = { postgres: [] as number[], file: [] as number[] };
  for (let index = 0; index < SINGLE + 50; index += 1) {
    for (const [name, store] of [
      ['postgres', shared],
      ['file', local],
    ] as const) {
      const event = note(`single ${index}`);
      const started = performance.now();
      await store.append('INC-SINGLE', [event]);
      if (index >= 50) timings[name].push(performance.now() - started);
    }
  }
  const pg = summary(timings.postgres);
  const file = summary(timings.file);
  console.log(`one event, ${SINGLE} appends each after 50 warm-up, interleaved:`);
  console.log(`  PostgreSQL (loopback)   median ${pg.median.toFixed(3)} ms  p99 ${pg.p99.toFixed(3)} ms`);
  console.log(`  file store (fsync)      median ${file.median.toFixed(3)} ms  p99 ${file.p99.toFixed(3)} ms`);
  console.log(`  ratio PostgreSQL / file: median ×${(pg.median / file.median).toFixed(2)}, p99 ×${(pg.p99 / file.p99).toFixed(2)}`);
  await shared.close();

  for (const shape of ['one incident', 'eight incidents'] as const) {
    const stores = roles.map(storeAs);
    const incidentOf = (writer: number) => (shape === 'one incident' ? 'INC-SHARED' : `INC-W${writer}`);
    for (let writer = 0; writer < WRITERS; writer += 1) await stores[0]!.create(incidentOf(writer));
    const sent: string[][] = stores.map(() => []);
    const started = performance.now();
    await Promise.all(
      stores.map(async (store, writer) => {
        for (let index = 0; index < PER_WRITER; index += 1) {
          const event = note(`w${writer} #${index}`);
          await store.append(incidentOf(writer), [event]);
          // A retry after a lost reply: the same event again.
          if (index % RETRY_EVERY === 0) await store.append(incidentOf(writer), [event]);
          sent[writer]!.push(event.eventId);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const rows = await database.query<{ event_id: string; who: string; incident_id: string }>(
      `SELECT event_id, who, incident_id FROM runbook.events WHERE incident_id LIKE 'INC-${shape === 'one incident' ? 'SHARED' : 'W'}%' ORDER BY incident_id, position`,
    );
    const found = new Map<string, number>();
    for (const row of rows) found.set(row.event_id, (found.get(row.event_id) ?? 0) + 1);
    const all = sent.flat();
    const lost = all.filter((id) => !found.has(id)).length;
    const doubled = [...found.values()].filter((count) => count > 1).length;
    const inOrder = roles.every((role, writer) => {
      const own = rows.filter((row) => row.who === role.user).map((row) => row.event_id);
      return own.join() === sent[writer]!.join();
    });
    const intact = await Promise.all([...new Set(stores.map((_, writer) => incidentOf(writer)))].map((id) => verifyJournal(id, { store: stores[0]! })));
    console.log(
      `${WRITERS} writers × ${PER_WRITER} events at once into ${shape} (+${(PER_WRITER / RETRY_EVERY) * WRITERS} retried sends): ` +
        `${rows.length} events stored, lost ${lost}, doubled ${doubled}, each writer in order: ${inOrder}, chain intact: ${intact.every((result) => result.intact)}, ` +
        `${(all.length / seconds).toFixed(0)} events/s (${seconds.toFixed(2)} s)`,
    );
    await Promise.all(stores.map((store) => store.close()));
  }
} finally {
  await server.dispose();
  rmSync(workspace, { recursive: true, force: true });
}

function summary(values: number[]): { median: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: median(sorted), p99: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? 0 };
}
