// A real PostgreSQL for the tests: a throwaway cluster (Debian's `postgresql`
// package) on 127.0.0.1, a free port, password (scram) authentication, run as
// a non-root user. One cluster per test process, started on first use; one
// database per test. The server runs under a watchdog that stops it and
// removes its folder when the test process dies, even by SIGKILL.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPg, type PgClient } from '../../packages/runbook-core/src/incident/postgres/load-pg.ts';
import { skipWithReason } from './skip-with-reason.ts';

/** How a client reaches the server: what `pg` and libpq's `PG*` variables take. */
export interface PostgresSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

export interface TestDatabase {
  /** The database's name, unique in the cluster. */
  name: string;
  /** A superuser, for setting up and for checking what the code under test wrote. */
  admin: PostgresSettings;
  /** Creates a login role with a password (a fresh name starting with `prefix`); the settings connect to this database. */
  createRole(prefix: string): Promise<PostgresSettings>;
  /** Runs one statement as the admin. */
  query<Row extends object = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<Row[]>;
}

export interface PostgresServer {
  host: string;
  port: number;
  /** The cluster's folder (data, socket, log). */
  dir: string;
  /** The watchdog's process group while the server runs (the test of the watchdog reads it). */
  processGroup(): number | undefined;
  createDatabase(): Promise<TestDatabase>;
  /** Stops the server the hard way (`-m immediate`), as an outage does; the data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its folder; the server is not used after. */
  dispose(): Promise<void>;
}

/** The folder with initdb and postgres, or undefined. */
export function postgresBinDir(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // No pg_config: look where Debian installs the server.
  }
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join('/usr/lib/postgresql', version, 'bin')));
  } catch {
    // Not Debian's layout.
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
}

/** Why the PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresMissing(): string | undefined {
  if (postgresBinDir() === undefined) {
    return 'the PostgreSQL server is not installed (Debian/Ubuntu: `apt-get install postgresql` as root, or run `npm test` as root once)';
  }
  if (process.getuid?.() === 0 && serverUser() === undefined) return 'running as root, and there is no `postgres` user to run the PostgreSQL server as';
  return undefined;
}

let shared: Promise<PostgresServer> | undefined;

/** The test process's cluster, started on first call; skips the test or suite with its reason when PostgreSQL is absent. */
export async function sharedPostgres(context: Mocha.Context): Promise<PostgresServer> {
  const missing = postgresMissing();
  if (missing !== undefined) skipWithReason(context, missing);
  shared ??= startPostgresServer();
  return shared;
}

/** The cluster's superuser, the role `TestDatabase.admin` connects as. */
export const postgresAdminRole = 'runbook_admin';

/** What a cluster of its own needs beyond the defaults (TLS, say). */
export interface PostgresServerOptions {
  /** Server settings as `name=value`, each passed as `-c` (e.g. `ssl=on`). Default: none. */
  settings?: string[];
  /** Files written into the data folder before the first start, mode 0600 and owned by the server's user (as a TLS key must be). Default: none. */
  files?: Record<string, string>;
  /** pg_hba.conf lines put before initdb's own; the first that matches wins. The admin must still reach 127.0.0.1. Default: none. */
  hba?: string[];
}

/** Starts a new cluster of its own (most tests use `sharedPostgres`). */
export async function startPostgresServer(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error(postgresMissing());
  const owner = process.getuid?.() === 0 ? serverUser() : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'runbook-pg-'));
  const data = join(dir, 'data');
  const adminPassword = randomBytes(12).toString('hex');
  const admin = postgresAdminRole;
  const asServerUser = (program: string, args: string[]) =>
    owner === undefined ? { program, args } : { program: 'runuser', args: ['-u', 'postgres', '--', program, ...args] };
  if (owner !== undefined) chownSync(dir, owner.uid, owner.gid);
  const passwordFile = join(dir, 'admin-password');
  writeFileSync(passwordFile, `${adminPassword}\n`, { mode: 0o600 });
  if (owner !== undefined) chownSync(passwordFile, owner.uid, owner.gid);
  const initdb = asServerUser(join(bin, 'initdb'), ['-D', data, '-A', 'scram-sha-256', '-U', admin, `--pwfile=${passwordFile}`, '--no-sync', '-E', 'UTF8']);
  const made = spawnSync(initdb.program, initdb.args, { encoding: 'utf8' });
  rmSync(passwordFile, { force: true });
  if (made.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (exit ${made.status}): ${made.stderr}`);
  }
  for (const [name, text] of Object.entries(options.files ?? {})) {
    writeFileSync(join(data, name), text, { mode: 0o600 });
    if (owner !== undefined) chownSync(join(data, name), owner.uid, owner.gid);
  }
  if (options.hba !== undefined) {
    const hbaFile = join(data, 'pg_hba.conf');
    writeFileSync(hbaFile, `${options.hba.join('\n')}\n${readFileSync(hbaFile, 'utf8')}`);
  }
  const port = await freePort();
  const host = '127.0.0.1';
  let watchdog: ChildProcess | undefined;
  let databases = 0;
  const adminSettings = (database: string): PostgresSettings => ({ host, port, database, user: admin, password: adminPassword });

  const start = async () => {
    const postgres = asServerUser('bash', [
      '-c',
      watchdogScript,
      'watchdog',
      String(process.pid),
      dir,
      join(bin, 'postgres'),
      '-D',
      data,
      '-k',
      dir,
      '-c',
      `listen_addresses=${host}`,
      '-p',
      String(port),
      ...(options.settings ?? []).flatMap((setting) => ['-c', setting]),
    ]);
    const log = openSync(join(dir, 'server.log'), 'a');
    watchdog = spawn(postgres.program, postgres.args, { detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    watchdog.unref();
    await waitForServer(adminSettings('postgres'), watchdog, dir);
  };

  const stop = async () => {
    const running = watchdog;
    watchdog = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    stopImmediately(bin, data, asServerUser);
    await exited;
  };

  const cleanUpAtExit = () => {
    if (watchdog !== undefined && watchdog.exitCode === null) stopImmediately(bin, data, asServerUser);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once('exit', cleanUpAtExit);

  await start();
  return {
    host,
    port,
    dir,
    processGroup: () => (watchdog?.exitCode === null ? watchdog.pid : undefined),
    start,
    stop,
    async dispose() {
      await stop();
      process.removeListener('exit', cleanUpAtExit);
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
    async createDatabase() {
      databases += 1;
      const name = `test_${process.pid}_${databases}`;
      await withClient(adminSettings('postgres'), (client) => client.query(`CREATE DATABASE ${name}`));
      let roles = 0;
      // Grants on one database, run at once, collide in the catalog ("tuple concurrently updated"): one at a time.
      let previous: Promise<unknown> = Promise.resolve();
      return {
        name,
        admin: adminSettings(name),
        createRole(prefix: string) {
          if (!/^[a-z][a-z0-9_]{0,30}$/.test(prefix)) throw new Error(`role prefix '${prefix}' must be a lower-case identifier`);
          roles += 1;
          const user = `${prefix}_${databases}_${roles}`;
          const password = randomBytes(12).toString('hex');
          const created = previous.then(() =>
            withClient(adminSettings(name), async (client) => {
              await client.query(`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`);
              await client.query(`GRANT CONNECT ON DATABASE ${name} TO ${user}`);
              return { host, port, database: name, user, password };
            }),
          );
          previous = created.catch(() => undefined);
          return created;
        },
        async query<Row extends object>(sql: string, values?: unknown[]) {
          return withClient(adminSettings(name), async (client) => (await client.query(sql, values)).rows as Row[]);
        },
      };
    },
  };
}

/** The environment a process needs to connect as `settings` (libpq's variables, which `pg` reads too). */
export function postgresEnv(settings: PostgresSettings): Record<string, string> {
  return {
    PGHOST: settings.host,
    PGPORT: String(settings.port),
    PGDATABASE: settings.database,
    PGUSER: settings.user,
    PGPASSWORD: settings.password,
  };
}

/** Connects as `settings`, runs `action`, and disconnects. */
export async function withClient<T>(settings: PostgresSettings, action: (client: PgClient) => Promise<T>): Promise<T> {
  // `pg` is runbook-core's dependency, loaded as the store loads it.
  const { Client } = await loadPg();
  const client = new Client(settings);
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

// Runs the server in the foreground and watches the test process: when it is
// gone (even killed with SIGKILL) the server is stopped at once and its folder
// removed. A process's presence is read from /proc, which works across users.
const watchdogScript = `
parent=$1; dir=$2; shift 2
"$@" &
child=$!
trap 'kill -QUIT "$child" 2>/dev/null; wait "$child"; exit 0' TERM INT HUP
while [ -d "/proc/$parent" ] && kill -0 "$child" 2>/dev/null; do sleep 0.5; done
if [ ! -d "/proc/$parent" ]; then
  kill -QUIT "$child" 2>/dev/null
  wait "$child"
  rm -rf "$dir"
fi
wait "$child"
`;

function stopImmediately(bin: string, data: string, asServerUser: (program: string, args: string[]) => { program: string; args: string[] }): void {
  const pgCtl = asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
  spawnSync(pgCtl.program, pgCtl.args, { stdio: 'ignore' });
}

function serverUser(): { uid: number; gid: number } | undefined {
  try {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })));
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid: uid!, gid: gid! } : undefined;
  } catch {
    return undefined;
  }
}

async function waitForServer(settings: PostgresSettings, watchdog: ChildProcess, dir: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (watchdog.exitCode !== null || watchdog.signalCode !== null) throw new Error(`the PostgreSQL server exited during start-up:\n${logTail(dir)}`);
    try {
      await withClient(settings, (client) => client.query('SELECT 1'));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the PostgreSQL server did not accept connections in 60 s (${String(error)}):\n${logTail(dir)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function logTail(dir: string): string {
  try {
    return readFileSync(join(dir, 'server.log'), 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no server log)';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as import('node:net').AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
