import type { ClientBase } from 'pg';
import { latestSchemaVersion, type Migration, migrations } from './migrations.ts';

/** A key the team's other tools are unlikely to lock: "runbook" in ASCII, passed as text (bigint). */
const migrationLockKey = '32217264303337323';

export interface MigrationResult {
  /** The version before. */
  from: number;
  /** The version now. */
  to: number;
  /** The steps applied by this call, in order. */
  applied: Array<Pick<Migration, 'version' | 'name'>>;
}

/**
 * Brings the `runbook` schema to the newest version: in one transaction,
 * under an advisory lock (two migrating processes take turns; the second finds
 * nothing to do), applying the missing steps in order and recording each. Run
 * by a role that may create in the database (the owner); idempotent.
 */
export async function migrateSchema(client: ClientBase, steps: readonly Migration[] = migrations): Promise<MigrationResult> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await client.query('CREATE SCHEMA IF NOT EXISTS runbook');
    await client.query(`CREATE TABLE IF NOT EXISTS runbook.schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      applied_by name NOT NULL DEFAULT session_user
    )`);
    const from = await versionIn(client);
    const applied: MigrationResult['applied'] = [];
    for (const step of [...steps].sort((a, b) => a.version - b.version)) {
      if (step.version <= from) continue;
      await client.query(step.sql);
      await client.query('INSERT INTO runbook.schema_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
      applied.push({ version: step.version, name: step.name });
    }
    await client.query('COMMIT');
    return { from, to: applied.at(-1)?.version ?? from, applied };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The schema's version: 0 when the store was never initialised. */
export async function schemaVersion(client: ClientBase): Promise<number> {
  const { rows } = await client.query<{ present: boolean }>("SELECT to_regclass('runbook.schema_migrations') IS NOT NULL AS present");
  return rows[0]?.present ? versionIn(client) : 0;
}

async function versionIn(client: ClientBase): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM runbook.schema_migrations');
  return rows[0]?.version ?? 0;
}

export { latestSchemaVersion };
