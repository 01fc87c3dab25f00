// Responders of one shared incident: each a CLI process of its own, in a
// workspace of its own, logged in to the same PostgreSQL as a role of its own.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initStore } from '../../packages/runbook-core/src/incident/postgres/init-store.ts';
import { cleanEnv, runCli, type CliResult } from '../../packages/runbook-core/test/cli/cli-harness.ts';
import { cliProcessArgs } from '../../packages/runbook-core/test/session/cli-process.ts';
import { type PostgresSettings, sharedPostgres, type TestDatabase, withClient } from '../support/postgres-server.ts';

export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

export interface Responder {
  /** The display name the database records for this role. */
  name: string;
  role: PostgresSettings;
  /** This responder's own workspace (current incident, step logs). */
  dir: string;
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** `runbook …` in-process, as this responder. */
  cli(argv: string[], extra?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** `runbook …` as a process of its own, as this responder; killed at cleanup if still running. */
  spawn(argv: string[], extra?: NodeJS.ProcessEnv): RunningCli;
}

/**
 * A fresh database per test with the schema and one role per name, granted
 * the application's rights and mapped to that name; `cleanup()` kills what
 * is left running and removes the workspaces.
 */
export function useResponders(...names: string[]): { readonly people: Responder[]; readonly database: TestDatabase } {
  const holder = { people: [] as Responder[], database: undefined as unknown as TestDatabase };
  const running: RunningCli[] = [];
  beforeEach(async function () {
    const server = await sharedPostgres(this);
    holder.database = await server.createDatabase();
    // One at a time: concurrent CREATE ROLE statements race on the catalog.
    const roles: PostgresSettings[] = [];
    for (const name of names) roles.push(await holder.database.createRole(name.toLowerCase()));
    await withClient(holder.database.admin, (client) =>
      initStore(client, { grant: roles.map((role) => role.user), people: Object.fromEntries(roles.map((role, index) => [role.user, names[index]!])) }),
    );
    holder.people = roles.map((role, index) => responder(names[index]!, role, running));
  });
  afterEach(async () => {
    for (const { child } of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const person of holder.people.splice(0)) rmSync(person.dir, { recursive: true, force: true });
  });
  return holder;
}

function responder(name: string, role: PostgresSettings, running: RunningCli[]): Responder {
  const dir = mkdtempSync(join(tmpdir(), `runbook-pg-${name.toLowerCase()}-`));
  // RUNBOOK_USER claims another name on purpose: the database's role decides who acted.
  const env = (extra: NodeJS.ProcessEnv = {}) => ({
    RUNBOOK_STORE: `postgres://${role.user}@${role.host}:${role.port}/${role.database}`,
    PGPASSWORD: role.password,
    RUNBOOK_USER: 'claimed-by-environment',
    ...extra,
  });
  return {
    name,
    role,
    dir,
    env,
    cli: (argv, extra) => runCli(argv, { cwd: dir, env: env(extra) }),
    spawn: (argv, extra) => {
      const child = spawn(process.execPath, [...cliProcessArgs, ...argv], { cwd: dir, env: cleanEnv(dir, env(extra)), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        err += chunk.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const handle: RunningCli = { child, stdout: () => out, stderr: () => err, exited };
      running.push(handle);
      return handle;
    },
  };
}

/** The incident id `incident start --format json` printed. */
export async function startSharedIncident(person: Responder): Promise<string> {
  const started = await person.cli(['incident', 'start', '--severity', 'P1', '--title', 'Shared incident', '--format', 'json']);
  if (started.code !== 0) throw new Error(`incident start failed: ${started.stderr}`);
  return (JSON.parse(started.stdout) as { id: string }).id;
}
