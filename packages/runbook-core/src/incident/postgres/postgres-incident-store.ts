import type pg from 'pg';
import { FileIncidentStore } from '../file-incident-store.ts';
import { assertIncidentId } from '../incident-id.ts';
import type { IncidentStore, StoreHealth } from '../incident-store.ts';
import type { JournalEvent } from '../journal-event.ts';
import { JournalStorageError } from '../journal-storage-error.ts';
import type { PostgresStoreSettings } from '../store-config.ts';
import { clientConfig } from './client-config.ts';
import { loadPg } from './load-pg.ts';
import { latestSchemaVersion, schemaVersion } from './migrate-schema.ts';
import { storeError } from './store-errors.ts';
import { watchNotifications } from './watch-notifications.ts';

/** The channel the events trigger notifies, with the incident's id as payload. */
export const eventsChannel = 'runbook_events';

export interface PostgresIncidentStoreOptions {
  settings: PostgresStoreSettings;
  /** The workspace: the current-incident pointer and step logs stay local, in its `.runbook/`. */
  workspace: string;
  /** For the password and user (default: `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Incidents in a shared PostgreSQL database (schema `runbook`, see
 * migrations.ts). The database chains each journal and records who wrote each
 * line from the authenticated role; this class only sends events and reads
 * lines. The current incident and step logs stay in the local workspace: a
 * person's focus and a machine's output are not the team's. Failures reject
 * with a `JournalStorageError` (code `UNREACHABLE` when the server cannot be
 * reached) or an `IncidentInputError` for an unknown incident.
 */
export class PostgresIncidentStore implements IncidentStore {
  readonly location: string;
  readonly #settings: PostgresStoreSettings;
  readonly #env: NodeJS.ProcessEnv;
  readonly #local: FileIncidentStore;
  #pool: pg.Pool | undefined;
  #schemaChecked = false;
  #offlineSince: string | undefined;
  readonly #watchers = new Set<() => Promise<void>>();

  constructor(options: PostgresIncidentStoreOptions) {
    this.#settings = options.settings;
    this.#env = options.env ?? process.env;
    this.#local = new FileIncidentStore(options.workspace);
    this.location = options.settings.url;
  }

  async create(id: string): Promise<boolean> {
    assertIncidentId(id);
    const { rows } = await this.#query('INSERT INTO runbook.incidents (id) VALUES ($1) ON CONFLICT (id) DO NOTHING RETURNING id', [id]);
    return rows.length === 1;
  }

  /**
   * Sends events in one statement (one round trip, one transaction: all or
   * none); the trigger chains them in the order given. An event already there
   * (same incident and event id) is skipped, so a retry never doubles.
   */
  async append(id: string, events: readonly JournalEvent[]): Promise<void> {
    assertIncidentId(id);
    if (events.length === 0) return;
    const values: string[] = [id];
    const rows = events.map((event) => {
      values.push(event.eventId, eventBody(event));
      return `($1, $${values.length - 1}, $${values.length})`;
    });
    await this.#query(`INSERT INTO runbook.events (incident_id, event_id, body) VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`, values, id);
  }

  async read(id: string): Promise<string | undefined> {
    assertIncidentId(id);
    const { rows } = await this.#query<{ line: string | null }>(
      `SELECT e.line FROM runbook.incidents i LEFT JOIN runbook.events e ON e.incident_id = i.id WHERE i.id = $1 ORDER BY e.position`,
      [id],
    );
    if (rows.length === 0) return undefined;
    return rows.map((row) => (row.line === null ? '' : `${row.line}\n`)).join('');
  }

  async list(): Promise<string[]> {
    const { rows } = await this.#query<{ id: string }>('SELECT id FROM runbook.incidents');
    return rows.map((row) => row.id).sort();
  }

  current(): Promise<string | undefined> {
    return this.#local.current();
  }

  setCurrent(id: string | undefined): Promise<void> {
    return this.#local.setCurrent(id);
  }

  /** Step logs are local files: output can be large and may hold what only this machine should see. */
  async logPath(id: string, name: string): Promise<string> {
    assertIncidentId(id);
    await this.#local.create(id);
    return this.#local.logPath(id, name);
  }

  watch(onChange: (id: string) => void): Promise<() => Promise<void>> {
    return watchNotifications({
      config: () => clientConfig(this.#settings, this.#env),
      channel: eventsChannel,
      onNotification: onChange,
      // Notifications sent while disconnected are lost: say every incident may have changed.
      onReconnect: async () => {
        for (const id of await this.list().catch(() => [])) onChange(id);
      },
    }).then((stop) => {
      this.#watchers.add(stop);
      return async () => {
        this.#watchers.delete(stop);
        await stop();
      };
    });
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.#query('SELECT 1');
      return { online: true, unsent: 0 };
    } catch (error) {
      if (error instanceof JournalStorageError && error.code === 'UNREACHABLE')
        return { online: false, ...(this.#offlineSince === undefined ? {} : { offlineSince: this.#offlineSince }), unsent: 0 };
      throw error;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.#watchers].map((stop) => stop()));
    this.#watchers.clear();
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.end();
  }

  async #poolNow(): Promise<pg.Pool> {
    if (this.#pool !== undefined) return this.#pool;
    const { Pool } = await loadPg();
    if (this.#pool === undefined) {
      // Idle connections do not keep a finished command's process alive.
      const pool = new Pool({ ...clientConfig(this.#settings, this.#env), max: 4, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
      // An idle connection the server dropped: the next query opens another.
      pool.on('error', () => undefined);
      this.#pool = pool;
    }
    return this.#pool;
  }

  async #query<Row extends pg.QueryResultRow>(sql: string, values: unknown[] = [], incidentId?: string): Promise<pg.QueryResult<Row>> {
    return this.#withClient(incidentId, (client) => client.query<Row>(sql, values));
  }

  async #withClient<T>(incidentId: string | undefined, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient | undefined;
    let broken: Error | undefined;
    try {
      client = await (await this.#poolNow()).connect();
      if (!this.#schemaChecked) await this.#checkSchema(client);
      const result = await work(client);
      this.#offlineSince = undefined;
      return result;
    } catch (error) {
      const reported = storeError(error, this.location, incidentId);
      if (reported instanceof JournalStorageError && reported.code === 'UNREACHABLE') {
        this.#offlineSince ??= new Date().toISOString();
        broken = error instanceof Error ? error : new Error(String(error));
      }
      throw reported;
    } finally {
      client?.release(broken);
    }
  }

  async #checkSchema(client: pg.PoolClient): Promise<void> {
    const version = await schemaVersion(client);
    if (version < latestSchemaVersion) {
      throw new JournalStorageError(
        this.location,
        'SCHEMA',
        version === 0
          ? "the database has no incident store yet: run 'runbook incident store init' once as the database's owner"
          : `the incident store's schema is at version ${version}, this runbook needs ${latestSchemaVersion}: run 'runbook incident store init' as the database's owner`,
        'use',
      );
    }
    this.#schemaChecked = true;
  }
}

/** The event as the database stores it: every field but `who` and `prev`, which the database adds. */
export function eventBody(event: JournalEvent): string {
  const { who: _who, prev: _prev, ...fields } = event as JournalEvent & { prev?: unknown };
  return JSON.stringify(fields);
}
