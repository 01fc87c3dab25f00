import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { until } from '../kubernetes/world.ts';
import { postgresMissing, sharedPostgres, withClient } from '../support/postgres-server.ts';
import { skipWithReason } from '../support/skip-with-reason.ts';

const orphan = new URL('./orphaned-server.ts', import.meta.url).pathname;

describe('the test PostgreSQL server', () => {
  it('gives each test a database, and roles that log in with their password only', async function () {
    const server = await sharedPostgres(this);
    const database = await server.createDatabase();
    const role = await database.createRole('someone');
    const [row] = await withClient(
      role,
      async (client) => (await client.query<{ who: string; db: string }>('SELECT session_user AS who, current_database() AS db')).rows,
    );
    assert.deepEqual(row, { who: role.user, db: database.name });
    await assert.rejects(
      withClient({ ...role, password: 'wrong' }, (client) => client.query('SELECT 1')),
      /password authentication failed/,
    );
  });

  it('stops the hard way and starts again with its data', async function () {
    const server = await sharedPostgres(this);
    const database = await server.createDatabase();
    await database.query('CREATE TABLE kept (n int)');
    await database.query('INSERT INTO kept VALUES (42)');
    await server.stop();
    await assert.rejects(
      withClient(database.admin, (client) => client.query('SELECT 1')),
      /ECONNREFUSED/,
    );
    await server.start();
    assert.deepEqual(await database.query('SELECT n FROM kept'), [{ n: 42 }]);
  });

  it('stops the server and removes its folder when the test process is killed with SIGKILL', async function () {
    const missing = postgresMissing();
    if (missing !== undefined) skipWithReason(this, missing);
    const child = spawn(process.execPath, ['--import', 'tsx', orphan], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const first = await new Promise<string | undefined>((resolve) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      void exited.then(() => resolve(undefined));
    });
    assert.ok(first, `the server did not start: ${stderr}`);
    const { dir, port } = JSON.parse(first) as { dir: string; port: number };
    assert.ok(existsSync(dir));
    assert.equal(await accepts(port), true);

    child.kill('SIGKILL');
    await exited;
    await until(async () => !existsSync(dir) && !(await accepts(port)), 100);
  });
});

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
