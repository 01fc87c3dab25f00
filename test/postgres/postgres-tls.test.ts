import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initStore } from '../../packages/runbook-core/src/incident/postgres/init-store.ts';
import { buildCli, type CliProcessResult, runBin } from '../cli/built-cli.ts';
import {
  type PostgresServer,
  type PostgresSettings,
  postgresAdminRole,
  postgresMissing,
  sharedPostgres,
  startPostgresServer,
  type TestDatabase,
  withClient,
} from '../support/postgres-server.ts';
import { skipWithReason } from '../support/skip-with-reason.ts';
import { makeTestCertificates, opensslMissing, type TestCertificates } from './test-certificates.ts';

// A server that speaks TLS to every role but the test's own admin, and refuses
// those roles in plain text: a connection that works was encrypted.
describe('the shared store over TLS, against a real PostgreSQL with ssl=on', function () {
  this.timeout(0);
  let certificates: TestCertificates;
  let server: PostgresServer | undefined;
  let cli: Awaited<ReturnType<typeof buildCli>> | undefined;
  let database: TestDatabase;
  let role: PostgresSettings;
  const folders: string[] = [];

  before(async function () {
    const missing = postgresMissing() ?? opensslMissing();
    if (missing !== undefined) skipWithReason(this, missing);
    certificates = makeTestCertificates(['DNS:localhost', 'IP:127.0.0.1']);
    server = await startPostgresServer({
      settings: ['ssl=on', 'ssl_cert_file=server.crt', 'ssl_key_file=server.key'],
      files: { 'server.crt': certificates.serverCert, 'server.key': certificates.serverKey },
      hba: [
        `hostnossl all ${postgresAdminRole} 127.0.0.1/32 scram-sha-256`,
        'hostnossl all all 127.0.0.1/32 reject',
        'hostssl all all 127.0.0.1/32 scram-sha-256',
      ],
    });
    cli = await buildCli();
  });
  after(async () => {
    cli?.remove();
    await server?.dispose();
  });

  beforeEach(async () => {
    database = await server!.createDatabase();
    role = await database.createRole('dana');
    await withClient(database.admin, (client) => initStore(client, { grant: [role.user], people: {} }));
  });
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  /** A workspace whose runbook.config.json has `store`, with `files` beside it. */
  function workspace(store: unknown, files: Record<string, string> = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-tls-workspace-'));
    folders.push(dir);
    writeFileSync(join(dir, '.git'), '');
    writeFileSync(join(dir, 'runbook.config.json'), JSON.stringify({ store }, null, 2));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  const url = (host: string) => `postgres://${host}:${role.port}/${role.database}`;

  async function runbook(dir: string, ...args: string[]): Promise<CliProcessResult> {
    const env = { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1', PGUSER: role.user, PGPASSWORD: role.password };
    return runBin(cli!.bin, args, { cwd: dir, env });
  }

  async function startAndReadBack(dir: string): Promise<void> {
    const started = await runbook(dir, 'incident', 'start', '--severity', 'P2', '--title', 'Checkout errors', '--format', 'json');
    assert.equal(started.code, 0, started.stderr);
    const { id } = JSON.parse(started.stdout) as { id: string };
    assert.equal((await runbook(dir, 'incident', 'note', 'sent over TLS')).code, 0);
    const timeline = await runbook(dir, 'incident', 'timeline', '--incident', id, '--format', 'json');
    assert.equal(timeline.code, 0, timeline.stderr);
    assert.match(timeline.stdout, /sent over TLS/);
    const status = await runbook(dir, 'incident', 'status');
    assert.match(status.stdout, /store\s+postgres:\/\/.*, online/, status.stdout);
    const rows = await database.query<{ id: string; events: number }>('SELECT id, events FROM runbook.incidents');
    assert.deepEqual(
      rows.map((row) => row.id),
      [id],
    );
  }

  /** One line on stderr, the documented exit code, no stack trace, no password, nothing recorded anywhere. */
  async function assertRefused(dir: string, code: number, reason: RegExp): Promise<string> {
    const result = await runbook(dir, 'incident', 'start', '--severity', 'P2', '--title', 'Checkout errors');
    assert.equal(result.code, code, result.stdout + result.stderr);
    assert.equal(result.stderr.trimEnd().split('\n').length, code === 2 ? 2 : 1, result.stderr);
    assert.match(result.stderr, reason);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    assert.ok(!result.stderr.includes(role.password), 'the password is echoed');
    // Not taken for an outage: nothing waits in the outbox, nothing reached the database.
    assert.equal(existsSync(join(dir, '.runbook', 'team-store', 'outbox.jsonl')), false);
    assert.deepEqual(await database.query('SELECT id FROM runbook.incidents'), []);
    return result.stderr;
  }

  it('verify-full with the CA that signed the server: an incident is started and read back, by name and by address', async () => {
    await startAndReadBack(workspace({ url: url('localhost'), sslmode: 'verify-full', ca: 'db-ca.pem' }, { 'db-ca.pem': certificates.ca }));
    await database.query('DELETE FROM runbook.events');
    await database.query('DELETE FROM runbook.incidents');
    await startAndReadBack(workspace({ url: url('127.0.0.1'), ca: 'db-ca.pem' }, { 'db-ca.pem': certificates.ca }));
  });

  it('verify-full with another CA: refused with one line saying the certificate is not trusted (exit 4)', async () => {
    const dir = workspace({ url: url('localhost'), sslmode: 'verify-full', ca: 'db-ca.pem' }, { 'db-ca.pem': certificates.otherCa });
    const stderr = await assertRefused(dir, 4, /^runbook: cannot use postgres:\/\/localhost:\d+\/\w+: .*certificate/);
    assert.match(stderr, /not trusted \(unable to verify the first certificate\); check that store\.ca names the CA that signed it$/m);
  });

  it('verify-ca with another CA is refused too; with the right CA it works', async () => {
    await assertRefused(workspace({ url: url('127.0.0.1'), sslmode: 'verify-ca', ca: 'db-ca.pem' }, { 'db-ca.pem': certificates.otherCa }), 4, /certificate/);
    await startAndReadBack(workspace({ url: url('127.0.0.1'), sslmode: 'verify-ca', ca: 'db-ca.pem' }, { 'db-ca.pem': certificates.ca }));
  });

  it('verify-full refuses a certificate that does not name the host it reached; verify-ca accepts it', async () => {
    // 127.1 is 127.0.0.1 written short: the same server, a name its certificate does not list.
    const stderr = await assertRefused(
      workspace({ url: url('127.1'), sslmode: 'verify-full', ca: 'db-ca.pem' }, { 'db-ca.pem': certificates.ca }),
      4,
      /^runbook: cannot use postgres:\/\/127\.1:\d+\/\w+: the server's certificate is not for this host \(.*127\.1.*\); connect by a name on the certificate, or set store\.sslmode to verify-ca$/m,
    );
    assert.match(stderr, /altnames/);
    await startAndReadBack(workspace({ url: url('127.1'), sslmode: 'verify-ca', ca: 'db-ca.pem' }, { 'db-ca.pem': certificates.ca }));
  });

  it('require without a CA: encrypted, unverified, works (sslmode in the URL)', async () => {
    await startAndReadBack(workspace(`${url('127.0.0.1')}?sslmode=require`));
  });

  it('require with a ca checks the chain, as libpq does: another CA is refused, the right one works', async () => {
    await assertRefused(
      workspace({ url: url('127.1'), sslmode: 'require', ca: 'db-ca.pem' }, { 'db-ca.pem': certificates.otherCa }),
      4,
      /the server's certificate is not trusted/,
    );
    await startAndReadBack(workspace({ url: url('127.1'), sslmode: 'require', ca: 'db-ca.pem' }, { 'db-ca.pem': certificates.ca }));
  });

  it('disable against a server that accepts only TLS: refused with the server saying so (exit 4)', async () => {
    await assertRefused(
      workspace({ url: url('127.0.0.1'), sslmode: 'disable' }),
      4,
      /^runbook: cannot use postgres:\/\/127\.0\.0\.1:\d+\/\w+: .*no encryption \(the server accepts only TLS: set store\.sslmode to require, verify-ca or verify-full\)$/m,
    );
  });

  it('require against a server without TLS: refused with one line saying so (exit 4), not taken for an outage', async function () {
    // The other tests' plain server: ssl is off there.
    database = await (await sharedPostgres(this)).createDatabase();
    role = await database.createRole('sam');
    await withClient(database.admin, (client) => initStore(client, { grant: [role.user], people: {} }));
    await assertRefused(
      workspace({ url: url('127.0.0.1'), sslmode: 'require' }),
      4,
      /^runbook: cannot use postgres:\/\/127\.0\.0\.1:\d+\/\w+: the server does not accept TLS; turn ssl on at the server, or set store\.sslmode to 'disable'$/m,
    );
  });

  it('a ca file that does not exist: a bad setting naming it (exit 2)', async () => {
    const dir = workspace({ url: url('localhost'), sslmode: 'verify-full', ca: 'certs/missing-ca.pem' });
    await assertRefused(dir, 2, /^runbook incident: store ca '.*certs\/missing-ca\.pem' cannot be read: ENOENT$/m);
  });
});
