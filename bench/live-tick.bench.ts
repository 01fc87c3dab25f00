// From one responder's tick to another's `--watch` seeing it: the time from
// the start of one store's append of a `checklist-ticked` event to the other
// store's watcher having reloaded the incident with that tick in it — what
// `runbook incident status --watch` does before it draws. PostgreSQL on
// loopback (LISTEN/NOTIFY, each responder its own role, workspace and
// connections, through the same offline-first store the CLI uses), against
// the file store read every 250 ms (the CLI's default polling) in the same run.
// Needs Debian's `postgresql` package; the server is a throwaway cluster.
// Run from the repository root: node --import tsx --conditions=source bench/live-tick.bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  DEFAULT_POLL_MS,
  type IncidentLocation,
  loadIncident,
  recordEvent,
  startIncident,
  watchIncident,
} from '../packages/runbook-core/src/incident/index.ts';
import { OfflineFirstStore } from '../packages/runbook-core/src/incident/offline-first-store.ts';
import { initStore } from '../packages/runbook-core/src/incident/postgres/init-store.ts';
import { PostgresIncidentStore } from '../packages/runbook-core/src/incident/postgres/postgres-incident-store.ts';
import { type PostgresSettings, postgresMissing, startPostgresServer, withClient } from '../test/support/postgres-server.ts';
import { median } from './measure.ts';

const POSTGRES_TICKS = 300;
const FILE_TICKS = 60;
const WARM_UP = 10;

/** Milliseconds from each tick's append by `writer` until `reader`'s watcher has loaded it. */
async function tickToSeen(writer: IncidentLocation, reader: IncidentLocation, id: string, ticks: number, spread: number): Promise<number[]> {
  let waiting: { itemId: string; seen: (at: number) => void } | undefined;
  const stop = await watchIncident(reader, id, () => {
    const wanted = waiting;
    if (wanted === undefined) return;
    void loadIncident(id, reader).then((state) => {
      if (waiting === wanted && state.checklist.get(wanted.itemId)?.checked === true) {
        waiting = undefined;
        wanted.seen(performance.now());
      }
    });
  });
  const samples: number[] = [];
  try {
    for (let index = 0; index < WARM_UP + ticks; index++) {
      // A random pause, so ticks fall anywhere in a poller's interval.
      await delay(Math.random() * spread);
      const itemId = `immediate-actions/item-${index}`;
      const seen = new Promise<number>((resolve) => {
        waiting = { itemId, seen: resolve };
      });
      const started = performance.now();
      await recordEvent(id, { type: 'checklist-ticked', itemId, text: 'Freeze deploys' }, { ...writer, who: 'bench' });
      const at = await seen;
      if (index >= WARM_UP) samples.push(at - started);
    }
  } finally {
    await stop();
  }
  return samples;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

function row(name: string, samples: readonly number[]): string {
  return `${name.padEnd(44)} median ${median(samples).toFixed(1).padStart(7)} ms  p99 ${percentile(samples, 0.99).toFixed(1).padStart(7)} ms  (${samples.length} ticks)`;
}

const missing = postgresMissing();
if (missing !== undefined) {
  console.log(`skipped: ${missing}`);
  process.exit(0);
}

const root = mkdtempSync(join(tmpdir(), 'live-tick-bench-'));
const server = await startPostgresServer();
const stores: OfflineFirstStore[] = [];
try {
  const database = await server.createDatabase();
  const dana = await database.createRole('dana');
  const sam = await database.createRole('sam');
  await withClient(database.admin, (client) => initStore(client, { grant: [dana.user, sam.user] }));
  const shared = (role: PostgresSettings, name: string): IncidentLocation => {
    const workspace = join(root, name);
    const settings = {
      url: `postgres://${role.user}@${role.host}:${role.port}/${role.database}`,
      host: role.host,
      port: role.port,
      database: role.database,
      user: role.user,
    };
    const store = new OfflineFirstStore({ shared: new PostgresIncidentStore({ settings, workspace, env: { PGPASSWORD: role.password } }), workspace });
    stores.push(store);
    return { store };
  };
  const asDana = shared(dana, 'dana');
  const asSam = shared(sam, 'sam');
  const sharedIncident = (await startIncident({ ...asDana, severity: 'P1', title: 'Live tick bench', who: 'bench' })).id;
  const postgres = await tickToSeen(asDana, asSam, sharedIncident, POSTGRES_TICKS, 20);

  const files = { workspace: join(root, 'files') };
  const fileIncident = (await startIncident({ ...files, severity: 'P1', title: 'Live tick bench', who: 'bench' })).id;
  const polled = await tickToSeen(files, files, fileIncident, FILE_TICKS, DEFAULT_POLL_MS);

  console.log('tick by one responder → seen by another (append start → watcher reloaded with the tick):');
  console.log(row('PostgreSQL on loopback, LISTEN/NOTIFY', postgres));
  console.log(row(`file store, journal read every ${DEFAULT_POLL_MS} ms`, polled));
  console.log(
    `ratio of medians, file polling / PostgreSQL: ${(median(polled) / median(postgres)).toFixed(1)}×; goal p99 < 250 ms on PostgreSQL: ${percentile(postgres, 0.99) < 250 ? 'met' : 'missed'}`,
  );
} finally {
  await Promise.all(stores.map((store) => store.close?.()));
  await server.dispose();
  rmSync(root, { recursive: true, force: true });
}
