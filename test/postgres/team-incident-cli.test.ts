import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initStore } from '../../packages/runbook-core/src/incident/postgres/init-store.ts';
import { buildCli, runBin } from '../cli/built-cli.ts';
import { type PostgresServer, type PostgresSettings, postgresEnv, sharedPostgres, type TestDatabase, withClient } from '../support/postgres-server.ts';

interface Responder {
  role: PostgresSettings;
  workspace: string;
  env: NodeJS.ProcessEnv;
}

describe('team incidents on PostgreSQL, through the runbook CLI', function () {
  this.timeout(0);
  let server: PostgresServer;
  let cli: Awaited<ReturnType<typeof buildCli>> | undefined;
  let database: TestDatabase;
  const folders: string[] = [];

  before(async function () {
    server = await sharedPostgres(this);
    cli = await buildCli();
  });
  after(() => cli?.remove());

  beforeEach(async () => {
    database = await server.createDatabase();
  });
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  /** A responder: a database role, a workspace of their own whose config names the shared store, and the environment their shell has. */
  async function responder(prefix: string, people: Record<string, string> = {}): Promise<Responder> {
    const role = await database.createRole(prefix);
    const workspace = mkdtempSync(join(tmpdir(), `runbook-team-${prefix}-`));
    folders.push(workspace);
    writeFileSync(join(workspace, '.git'), '');
    const url = `postgres://${role.host}:${role.port}/${role.database}`;
    writeFileSync(join(workspace, 'runbook.config.json'), JSON.stringify({ store: url, people }, null, 2));
    const { PGPASSWORD, PGUSER } = postgresEnv(role);
    // RUNBOOK_USER is what a person could claim; the database's word is the role.
    const env = { PATH: process.env.PATH, HOME: workspace, NO_COLOR: '1', PGPASSWORD, PGUSER, RUNBOOK_USER: 'Mallory Claimed' };
    return { role, workspace, env };
  }

  async function runbook(who: Responder, ...args: string[]) {
    return runBin(cli!.bin, args, { cwd: who.workspace, env: who.env });
  }

  async function init(roles: Responder[], people: Record<string, string>) {
    await withClient(database.admin, (client) => initStore(client, { grant: roles.map((who) => who.role.user), people }));
  }

  async function startIncident(who: Responder): Promise<string> {
    const started = await runbook(who, 'incident', 'start', '--severity', 'P2', '--title', 'Checkout errors', '--format', 'json');
    assert.equal(started.code, 0, started.stderr);
    return (JSON.parse(started.stdout) as { id: string }).id;
  }

  async function notesInDatabase(id: string): Promise<Array<{ who: string; text: string; line: string }>> {
    const rows = await database.query<{ who: string; line: string }>(
      "SELECT who, line FROM runbook.events WHERE incident_id = $1 AND body::jsonb ->> 'type' = 'note' ORDER BY position",
      [id],
    );
    return rows.map((row) => ({ who: row.who, line: row.line, text: (JSON.parse(row.line) as { text: string }).text }));
  }

  it('lets two responders under two roles share one incident, each named by the role, not by RUNBOOK_USER', async () => {
    const people: Record<string, string> = {};
    const dana = await responder('dana');
    const sam = await responder('sam');
    people[dana.role.user] = 'Dana Lee';
    people[sam.role.user] = 'Sam Ortiz';
    await init([dana, sam], people);

    const id = await startIncident(dana);
    assert.equal((await runbook(sam, 'incident', 'switch', id)).code, 0);
    assert.equal((await runbook(dana, 'incident', 'note', 'rolled back the deploy')).code, 0);
    assert.equal((await runbook(sam, 'incident', 'note', 'error rate is falling')).code, 0);

    for (const reader of [dana, sam]) {
      const timeline = await runbook(reader, 'incident', 'timeline', '--format', 'json');
      assert.equal(timeline.code, 0, timeline.stderr);
      assert.match(timeline.stdout, /rolled back the deploy/);
      assert.match(timeline.stdout, /error rate is falling/);
      const verify = await runbook(reader, 'incident', 'verify');
      assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    }
    const notes = await notesInDatabase(id);
    assert.deepEqual(
      notes.map((note) => [note.who, (JSON.parse(note.line) as { who: string }).who, note.text]),
      [
        [dana.role.user, 'Dana Lee', 'rolled back the deploy'],
        [sam.role.user, 'Sam Ortiz', 'error rate is falling'],
      ],
    );
    const status = await runbook(sam, 'incident', 'status');
    assert.match(status.stdout, /store\s+postgres:\/\/.*, online/);
    assert.doesNotMatch(status.stdout + (await runbook(dana, 'incident', 'timeline')).stdout, /Mallory/);
  });

  it('keeps recording through an outage and sends every event once, in order', async () => {
    const dana = await responder('dana');
    const sam = await responder('sam');
    await init([dana, sam], {});
    const id = await startIncident(dana);
    assert.equal((await runbook(sam, 'incident', 'switch', id)).code, 0);

    const sent = { dana: [] as string[], sam: [] as string[] };
    const record = async (who: Responder, name: 'dana' | 'sam', phase: string, count: number) => {
      for (let index = 0; index < count; index += 1) {
        const text = `${name} ${phase} ${index}`;
        const result = await runbook(who, 'incident', 'note', text);
        assert.equal(result.code, 0, `${text}: ${result.stderr}`);
        sent[name].push(text);
      }
    };
    await Promise.all([record(dana, 'dana', 'before', 2), record(sam, 'sam', 'before', 2)]);
    // Both keep writing while the server goes away without a word.
    const stopping = server.stop();
    await Promise.all([record(dana, 'dana', 'around', 3), record(sam, 'sam', 'around', 3)]);
    await stopping;
    await Promise.all([record(dana, 'dana', 'during', 2), record(sam, 'sam', 'during', 2)]);

    const offline = await runbook(dana, 'incident', 'status');
    assert.equal(offline.code, 0, offline.stderr);
    assert.match(offline.stdout, /offline since \d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? ?(UTC)?, \d+ events? waiting/);
    const localTimeline = await runbook(dana, 'incident', 'timeline', '--format', 'json');
    assert.match(localTimeline.stdout, /dana during 1/);

    await server.start();
    await Promise.all([record(dana, 'dana', 'after', 2), record(sam, 'sam', 'after', 2)]);
    for (const who of [dana, sam]) {
      const status = await runbook(who, 'incident', 'status');
      assert.match(status.stdout, /store\s+postgres:\/\/.*, online/, status.stdout);
    }

    const notes = await notesInDatabase(id);
    for (const name of ['dana', 'sam'] as const) {
      assert.deepEqual(
        notes.map((note) => note.text).filter((text) => text.startsWith(`${name} `)),
        sent[name],
      );
    }
    assert.equal(notes.length, sent.dana.length + sent.sam.length);
    const verify = await runbook(sam, 'incident', 'verify');
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  it('starts an incident while the database is down, and sends it when it is back', async () => {
    const dana = await responder('dana');
    await init([dana], {});
    await server.stop();
    let id: string;
    try {
      id = await startIncident(dana);
      assert.equal((await runbook(dana, 'incident', 'note', 'started offline')).code, 0);
    } finally {
      await server.start();
    }
    assert.equal((await runbook(dana, 'incident', 'note', 'back online')).code, 0);
    assert.deepEqual(
      (await notesInDatabase(id)).map((note) => note.text),
      ['started offline', 'back online'],
    );
  });

  it('lets the owner init the store (idempotent), then pushes a local incident and exports it, event ids and order kept', async () => {
    const dana = await responder('dana');
    const config = readFileSync(join(dana.workspace, 'runbook.config.json'), 'utf8');
    writeFileSync(join(dana.workspace, 'runbook.config.json'), '{}');
    const id = await startIncident(dana);
    assert.equal((await runbook(dana, 'incident', 'note', 'written before the team store')).code, 0);
    const local = readFileSync(join(dana.workspace, '.runbook', 'incidents', id, 'journal.jsonl'), 'utf8');
    const localIds = local
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { eventId: string }).eventId);
    writeFileSync(join(dana.workspace, 'runbook.config.json'), config);

    const owner = { ...dana, env: { ...dana.env, ...postgresEnv(database.admin) } };
    const first = await runbook(owner, 'incident', 'store', 'init', dana.role.user);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /schema migrated from version 0 to \d+/);
    const again = await runbook(owner, 'incident', 'store', 'init', dana.role.user);
    assert.match(again.stdout, /nothing to migrate/);

    const pushed = await runbook(dana, 'incident', 'push', id);
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.match(pushed.stdout, new RegExp(`${localIds.length} events added`));
    const repeated = await runbook(dana, 'incident', 'push', id);
    assert.match(repeated.stdout, new RegExp(`0 events added \\(${localIds.length} were there already\\)`));
    const rows = await database.query<{ event_id: string }>('SELECT event_id FROM runbook.events WHERE incident_id = $1 ORDER BY position', [id]);
    assert.deepEqual(
      rows.map((row) => row.event_id),
      localIds,
    );

    const file = join(dana.workspace, 'exported.jsonl');
    const exported = await runbook(dana, 'incident', 'export', id, '--output', file);
    assert.equal(exported.code, 0, exported.stderr);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.deepEqual(
      lines.map((line) => (JSON.parse(line) as { eventId: string }).eventId),
      localIds,
    );
    assert.equal((await runbook(dana, 'incident', 'export', id, '--output', file)).code, 2);
    assert.equal((await runbook(dana, 'incident', 'verify', id)).code, 0);
  });

  it('refuses a store URL with a password in the config file or RUNBOOK_STORE, without echoing it', async () => {
    const dana = await responder('dana');
    const url = `postgres://${dana.role.user}:${dana.role.password}@${dana.role.host}:${dana.role.port}/${dana.role.database}`;
    writeFileSync(join(dana.workspace, 'runbook.config.json'), JSON.stringify({ store: url }));
    const fromConfig = await runbook(dana, 'incident', 'list');
    assert.equal(fromConfig.code, 2);
    assert.match(fromConfig.stderr, /contains a password; remove it and give the password through PGPASSWORD or ~\/\.pgpass/);
    assert.doesNotMatch(fromConfig.stderr, new RegExp(dana.role.password));
    writeFileSync(join(dana.workspace, 'runbook.config.json'), '{}');
    const fromEnv = await runBin(cli!.bin, ['incident', 'list'], { cwd: dana.workspace, env: { ...dana.env, RUNBOOK_STORE: url } });
    assert.equal(fromEnv.code, 2);
    assert.match(fromEnv.stderr, /RUNBOOK_STORE .* contains a password/);
    assert.doesNotMatch(fromEnv.stderr, new RegExp(dana.role.password));
  });
});
