import { isAbsolute, join } from 'node:path';
import { IncidentInputError } from './incident-input-error.ts';
import { readWorkspaceConfig } from './workspace-config-file.ts';

/** The workspace's settings file, shared with lint. */
export const storeConfigFileName = 'runbook.config.json';

/** TLS to the database, libpq's words. */
export type SslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';

/** Where a shared store is, without any secret: the password comes from `PGPASSWORD` or `~/.pgpass`. */
export interface PostgresStoreSettings {
  /** `postgres://[user@]host[:port]/database`, never with a password. */
  url: string;
  host: string;
  port: number;
  database: string;
  /** From the URL, else `PGUSER`, else the login name (at connection). */
  user?: string;
  sslmode?: SslMode;
  /** A CA certificate file (PEM), absolute or relative to the workspace. */
  ca?: string;
}

/** What the workspace chose: the file store (the default) or PostgreSQL, and the role → name table. */
export type StoreChoice =
  | { kind: 'file'; people: Record<string, string> }
  | { kind: 'postgres'; settings: PostgresStoreSettings; people: Record<string, string>; source: string };

const sslModes: readonly SslMode[] = ['disable', 'require', 'verify-ca', 'verify-full'];

/**
 * Reads the store's choice: `RUNBOOK_STORE` (`file` or a `postgres://` URL)
 * when set, else `store` in `<workspace>/runbook.config.json` (a URL, or
 * `{ "url": …, "sslmode": …, "ca": … }`), else the file store. `people`
 * maps database roles to display names. A URL carrying a password is refused:
 * passwords belong in the environment or `~/.pgpass`, never in a file others
 * read or on a command line others see. Throws IncidentInputError naming the
 * file and key.
 */
export function readStoreChoice(workspace: string, env: NodeJS.ProcessEnv = process.env): StoreChoice {
  const file = join(workspace, storeConfigFileName);
  const config = readWorkspaceConfig(file);
  const people = checkedPeople(config.people, file);
  const fromEnv = env.RUNBOOK_STORE?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return choose(fromEnv, 'RUNBOOK_STORE', people, env);
  if (config.store === undefined) return { kind: 'file', people };
  const source = `${file} (key 'store')`;
  if (typeof config.store === 'string') return choose(config.store, source, people, env);
  if (typeof config.store !== 'object' || config.store === null || Array.isArray(config.store)) {
    throw new IncidentInputError(source, config.store, "must be 'file', a postgres:// URL or an object with 'url'");
  }
  const { url, sslmode, ca, ...unknown } = config.store as Record<string, unknown>;
  const extra = Object.keys(unknown)[0];
  if (extra !== undefined) throw new IncidentInputError(source, extra, "is not a store setting; use 'url', 'sslmode' or 'ca'");
  if (typeof url !== 'string') throw new IncidentInputError(`${source}.url`, url, 'must be a postgres:// URL');
  const choice = choose(url, source, people, env);
  if (choice.kind === 'file') return choice;
  if (sslmode !== undefined) {
    if (typeof sslmode !== 'string' || !sslModes.includes(sslmode as SslMode)) {
      throw new IncidentInputError(`${source}.sslmode`, sslmode, `must be one of ${sslModes.join(', ')}`);
    }
    choice.settings.sslmode = sslmode as SslMode;
  }
  if (ca !== undefined) {
    if (typeof ca !== 'string' || ca === '') throw new IncidentInputError(`${source}.ca`, ca, 'must be the path of a PEM file');
    choice.settings.ca = isAbsolute(ca) ? ca : join(workspace, ca);
    choice.settings.sslmode ??= 'verify-full';
  }
  return choice;
}

/** Parses a store URL; refuses a password, naming where it came from but never echoing it. */
export function parseStoreUrl(text: string, source: string, env: NodeJS.ProcessEnv = process.env): PostgresStoreSettings {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new IncidentInputError(source, text, 'is not a URL; expected postgres://[user@]host[:port]/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new IncidentInputError(source, redacted(url), "must be 'file' or a postgres:// URL");
  }
  if (url.password !== '') {
    throw new IncidentInputError(
      source,
      redacted(url),
      'contains a password; remove it and give the password through PGPASSWORD or ~/.pgpass (never in the config file or on the command line)',
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || env.PGDATABASE || '';
  if (database === '') throw new IncidentInputError(source, redacted(url), 'names no database; expected postgres://host/database');
  const host = url.hostname.replace(/^\[|\]$/g, '') || env.PGHOST || 'localhost';
  const port = url.port === '' ? Number(env.PGPORT || 5432) : Number(url.port);
  const user = url.username === '' ? undefined : decodeURIComponent(url.username);
  const sslmode = url.searchParams.get('sslmode');
  const settings: PostgresStoreSettings = { url: redacted(url), host, port, database, ...(user === undefined ? {} : { user }) };
  if (sslmode !== null) {
    if (!sslModes.includes(sslmode as SslMode)) throw new IncidentInputError(`${source} sslmode`, sslmode, `must be one of ${sslModes.join(', ')}`);
    settings.sslmode = sslmode as SslMode;
  }
  return settings;
}

function choose(text: string, source: string, people: Record<string, string>, env: NodeJS.ProcessEnv): StoreChoice {
  if (text === 'file') return { kind: 'file', people };
  return { kind: 'postgres', settings: parseStoreUrl(text, source, env), people, source };
}

function checkedPeople(value: unknown, file: string): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IncidentInputError(`${file} (key 'people')`, value, 'must map database roles to display names, e.g. { "dana": "Dana Lee" }');
  }
  const people: Record<string, string> = {};
  for (const [role, name] of Object.entries(value)) {
    if (typeof name !== 'string' || name.trim() === '') throw new IncidentInputError(`${file} (key 'people.${role}')`, name, 'must be a display name');
    people[role] = name.trim();
  }
  return people;
}

function redacted(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== '') copy.password = '***';
  return copy.href;
}
