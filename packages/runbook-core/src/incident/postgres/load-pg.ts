import type * as Pg from 'pg';

export type { Client as PgClient, ClientConfig as PgClientConfig } from 'pg';

let loading: Promise<typeof Pg> | undefined;

/** node-postgres, loaded on first use: the file store's commands never pay for it (~0.1 s at start-up). */
export function loadPg(): Promise<typeof Pg> {
  loading ??= import('pg').then((module) => ((module as unknown as { default?: typeof Pg }).default ?? module) as typeof Pg);
  return loading;
}

/** A role or other name as an SQL identifier, quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
