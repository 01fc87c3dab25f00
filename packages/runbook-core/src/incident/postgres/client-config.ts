import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { ClientConfig } from 'pg';
import { IncidentInputError } from '../incident-input-error.ts';
import type { PostgresStoreSettings } from '../store-config.ts';
import { pgpassPassword } from './pgpass-file.ts';

/** How long to wait for the server before counting it unreachable. */
export const connectTimeoutMs = 5000;
/** A query on a connection that went silent (a partition) fails after this. */
export const queryTimeoutMs = 15_000;

/**
 * node-postgres settings for the store: host, port, database and user from
 * the settings (else `PGUSER`, else the login name); the password only from
 * `PGPASSWORD` or the password file, asked for at each connection; TLS as
 * libpq's `sslmode` says.
 */
export function clientConfig(settings: PostgresStoreSettings, env: NodeJS.ProcessEnv = process.env): ClientConfig {
  const user = settings.user ?? (env.PGUSER || loginName());
  const target = { host: settings.host, port: settings.port, database: settings.database, user };
  return {
    ...target,
    password: async () => (env.PGPASSWORD || pgpassPassword(target, env)) ?? '',
    ssl: sslOptions(settings),
    connectionTimeoutMillis: connectTimeoutMs,
    query_timeout: queryTimeoutMs,
    keepAlive: true,
    application_name: 'runbook',
  };
}

function sslOptions(settings: PostgresStoreSettings): ClientConfig['ssl'] {
  const mode = settings.sslmode ?? 'disable';
  if (mode === 'disable') return false;
  // As libpq: `require` with a CA file checks the chain, as verify-ca does.
  if (mode === 'require' && settings.ca === undefined) return { rejectUnauthorized: false };
  let ca: string | undefined;
  if (settings.ca !== undefined) {
    try {
      ca = readFileSync(settings.ca, 'utf8');
    } catch (error) {
      throw new IncidentInputError('store ca', settings.ca, `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return {
    rejectUnauthorized: true,
    ...(ca === undefined ? {} : { ca }),
    // verify-ca (and require with a CA): the chain must be trusted, the name need not match.
    ...(mode === 'verify-full' ? {} : { checkServerIdentity: () => undefined }),
  };
}

function loginName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'postgres';
  }
}
