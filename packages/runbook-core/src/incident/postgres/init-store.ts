import type pg from 'pg';
import { IncidentInputError } from '../incident-input-error.ts';
import { quoteIdentifier } from './load-pg.ts';
import { appRoleGrants } from './migrations.ts';
import { type MigrationResult, migrateSchema } from './migrate-schema.ts';

export interface InitStoreOptions {
  /** Roles the responders log in as: granted SELECT and INSERT only. */
  grant?: readonly string[];
  /** Role → display name; replaces the database's table (from `people` in runbook.config.json). */
  people?: Record<string, string>;
}

export interface InitStoreResult extends MigrationResult {
  granted: string[];
  people: number;
}

/**
 * What the database's owner runs once, and again after an upgrade: migrates
 * the schema, grants the application roles their append-only rights, and
 * writes the role → name table. Idempotent.
 */
export async function initStore(client: pg.ClientBase, options: InitStoreOptions = {}): Promise<InitStoreResult> {
  const migration = await migrateSchema(client);
  const granted: string[] = [];
  for (const role of options.grant ?? []) {
    if (typeof role !== 'string' || role === '') throw new IncidentInputError('role', role, 'must be a database role name');
    await client.query(appRoleGrants(quoteIdentifier(role)));
    granted.push(role);
  }
  let people = 0;
  if (options.people !== undefined) {
    await client.query('BEGIN');
    try {
      await client.query('DELETE FROM runbook.people');
      for (const [role, name] of Object.entries(options.people)) {
        await client.query('INSERT INTO runbook.people (role, display_name) VALUES ($1, $2)', [role, name]);
        people += 1;
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
  return { ...migration, granted, people };
}
