import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientConfig } from '../../src/incident/postgres/client-config.ts';
import { pgpassPassword } from '../../src/incident/postgres/pgpass-file.ts';
import { parseStoreUrl, readStoreChoice } from '../../src/incident/store-config.ts';

describe('choosing the incident store', () => {
  let workspace: string;
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'runbook-store-config-'));
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));
  const config = (value: unknown) => writeFileSync(join(workspace, 'runbook.config.json'), JSON.stringify(value));

  it('is the file store without a setting, or with store "file"', () => {
    assert.deepEqual(readStoreChoice(workspace, {}), { kind: 'file', people: {} });
    config({ store: 'file', people: { dana: 'Dana Lee' } });
    assert.deepEqual(readStoreChoice(workspace, {}), { kind: 'file', people: { dana: 'Dana Lee' } });
  });

  it('reads a URL, TLS settings and people from runbook.config.json', () => {
    config({ store: { url: 'postgres://runbook@db.example.com:6432/incidents', sslmode: 'verify-full', ca: 'certs/ca.pem' }, people: { dana: ' Dana Lee ' } });
    const choice = readStoreChoice(workspace, {});
    assert.equal(choice.kind, 'postgres');
    assert.deepEqual(choice.kind === 'postgres' && choice.settings, {
      url: 'postgres://runbook@db.example.com:6432/incidents',
      host: 'db.example.com',
      port: 6432,
      database: 'incidents',
      user: 'runbook',
      sslmode: 'verify-full',
      ca: join(workspace, 'certs/ca.pem'),
    });
    assert.deepEqual(choice.people, { dana: 'Dana Lee' });
  });

  it('lets RUNBOOK_STORE win over the file, and fills the rest from PG variables', () => {
    config({ store: 'postgres://elsewhere/other' });
    const choice = readStoreChoice(workspace, { RUNBOOK_STORE: 'postgres://db.internal?sslmode=require', PGDATABASE: 'team', PGPORT: '5433' });
    assert.deepEqual(choice.kind === 'postgres' && choice.settings, {
      url: 'postgres://db.internal?sslmode=require',
      host: 'db.internal',
      port: 5433,
      database: 'team',
      sslmode: 'require',
    });
    assert.equal(readStoreChoice(workspace, { RUNBOOK_STORE: 'file' }).kind, 'file');
  });

  it('refuses a password in the URL, naming where it was and never showing it', () => {
    config({ store: 'postgres://dana:hunter2@db/incidents' });
    assert.throws(
      () => readStoreChoice(workspace, {}),
      (error: Error) =>
        /runbook\.config\.json \(key 'store'\) 'postgres:\/\/dana:\*\*\*@db\/incidents' contains a password/.test(error.message) &&
        !error.message.includes('hunter2'),
    );
    assert.throws(() => parseStoreUrl('postgresql://u:p@h/d', 'RUNBOOK_STORE', {}), /RUNBOOK_STORE .* contains a password; .*PGPASSWORD or ~\/\.pgpass/);
  });

  it('says what is wrong with other settings', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ store: 'mysql://db/x' }, /must be 'file' or a postgres:\/\/ URL/],
      [{ store: 'postgres://db' }, /names no database/],
      [{ store: 42 }, /must be 'file', a postgres:\/\/ URL or an object/],
      [{ store: { url: 'postgres://db/x', password: 'x' } }, /'password' is not a store setting/],
      [{ store: { url: 'postgres://db/x', sslmode: 'maybe' } }, /sslmode 'maybe' must be one of disable, require, verify-ca, verify-full/],
      [{ people: ['dana'] }, /must map database roles to display names/],
      [{ people: { dana: '' } }, /people\.dana.* must be a display name/],
    ];
    for (const [value, expected] of cases) {
      config(value);
      assert.throws(() => readStoreChoice(workspace, {}), expected, JSON.stringify(value));
    }
    writeFileSync(join(workspace, 'runbook.config.json'), '{ "store": ');
    assert.throws(() => readStoreChoice(workspace, {}), /cannot be read as JSON/);
  });
});

describe('the password file', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'runbook-pgpass-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('finds the first matching line, with wildcards and escapes, and ignores a file others can read', () => {
    const file = join(folder, 'pgpass');
    writeFileSync(file, ['# team store', 'other:5432:*:dana:wrong', 'db.internal:5432:incidents:dana:pa\\:ss', '*:*:*:*:fallback'].join('\n'), { mode: 0o600 });
    const env = { PGPASSFILE: file };
    assert.equal(pgpassPassword({ host: 'db.internal', port: 5432, database: 'incidents', user: 'dana' }, env), 'pa:ss');
    assert.equal(pgpassPassword({ host: 'db.internal', port: 6432, database: 'incidents', user: 'dana' }, env), 'fallback');
    chmodSync(file, 0o644);
    assert.equal(pgpassPassword({ host: 'db.internal', port: 5432, database: 'incidents', user: 'dana' }, env), undefined);
  });
});

describe('connection settings for the shared store', () => {
  const base = { url: 'postgres://db/team', host: 'db', port: 5432, database: 'team' };

  it('takes the user from the settings, else PGUSER, and the password only from the environment or the password file', async () => {
    const config = clientConfig(base, { PGUSER: 'dana', PGPASSWORD: 'from-env', PGPASSFILE: '/nonexistent' });
    assert.equal(config.user, 'dana');
    assert.equal(typeof config.password, 'function');
    assert.equal(await (config.password as () => Promise<string>)(), 'from-env');
    assert.equal(clientConfig({ ...base, user: 'sam' }, { PGUSER: 'dana' }).user, 'sam');
    assert.equal(await (clientConfig(base, { PGPASSFILE: '/nonexistent' }).password as () => Promise<string>)(), '');
  });

  it('maps sslmode as libpq does: verify-full checks the name, verify-ca only the chain, require neither', () => {
    assert.equal(clientConfig(base, {}).ssl, false);
    assert.deepEqual(clientConfig({ ...base, sslmode: 'require' }, {}).ssl, { rejectUnauthorized: false });
    assert.deepEqual(clientConfig({ ...base, sslmode: 'verify-full' }, {}).ssl, { rejectUnauthorized: true });
    const verifyCa = clientConfig({ ...base, sslmode: 'verify-ca' }, {}).ssl as { rejectUnauthorized: boolean; checkServerIdentity: () => unknown };
    assert.equal(verifyCa.rejectUnauthorized, true);
    assert.equal(verifyCa.checkServerIdentity(), undefined);
    assert.throws(
      () => clientConfig({ ...base, sslmode: 'verify-full', ca: '/nonexistent/ca.pem' }, {}),
      /store ca '\/nonexistent\/ca\.pem' cannot be read: ENOENT/,
    );
  });
});
