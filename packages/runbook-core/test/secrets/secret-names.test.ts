import assert from 'node:assert/strict';
import type { RunbookMeta } from '../../src/model.ts';
import { credentialNames, isCredentialName, urlPasswords } from '../../src/session/secret-names.ts';
import { isSecretVariable } from '../../src/session/secret-variables.ts';
import { StepValues } from '../../src/session/step-values.ts';

const noDeclarations: Pick<RunbookMeta, 'variables'> = { variables: {} };

function values(env: NodeJS.ProcessEnv, flags: Record<string, string> = {}): StepValues {
  return new StepValues({ meta: noDeclarations, flags, env, incident: {}, journalExports: {} });
}

describe('credential names: one table', () => {
  it('reads credential-shaped names as secret without a declaration', () => {
    const secret = [
      'GITHUB_PAT',
      'SLACK_WEBHOOK',
      'SLACK_WEBHOOK_URL',
      'SENTRY_DSN',
      'AZURE_STORAGE_CONNECTION_STRING',
      'PAGERDUTY_API_KEY',
      'PAGERDUTY_APIKEY',
      'SLACK_BOT_TOKEN',
      'DB_PASSWORD',
      'CLIENT_SECRET',
      'AWS_CREDENTIALS',
      'REDIS_PASS',
      'BASIC_AUTH',
      'SESSION_COOKIE',
      'token',
    ];
    assert.deepEqual(
      secret.filter((name) => !isCredentialName(name)),
      [],
    );
  });

  it('leaves ordinary names alone: the working directory, paths, URLs without a password', () => {
    const plain = ['PWD', 'OLDPWD', 'PATH', 'HOME', 'KUBECONFIG', 'DATABASE_URL', 'REPLICAS', 'SSH_AUTH_SOCK', 'KEYBOARD', 'PATTERN', 'WEBHOOKS_ENABLED'];
    assert.deepEqual(
      plain.filter((name) => isCredentialName(name)),
      [],
    );
  });

  it('is data: every suffix and fragment of the table is matched, and a declaration wins over it', () => {
    for (const suffix of credentialNames.suffixes) assert.ok(isCredentialName(`SERVICE_${suffix}`), suffix);
    for (const fragment of credentialNames.fragments) assert.ok(isCredentialName(`MY_${fragment}_FILE`), fragment);
    const declared: Pick<RunbookMeta, 'variables'> = {
      variables: { BUILD_TOKEN: { name: 'BUILD_TOKEN', secret: false, required: false }, REGION: { name: 'REGION', secret: true, required: false } },
    };
    assert.equal(isSecretVariable(declared, 'BUILD_TOKEN'), false);
    assert.equal(isSecretVariable(declared, 'REGION'), true);
    assert.equal(isSecretVariable(declared, 'GITHUB_PAT'), true);
  });
});

describe('passwords inside URLs', () => {
  it('finds the password part only, also percent-decoded, in any text', () => {
    assert.deepEqual(urlPasswords('postgres://app:s3cret-pw@db.internal:5432/app'), ['s3cret-pw']);
    assert.deepEqual(urlPasswords('redis://:p%40ss%2Fword@cache:6379'), ['p%40ss%2Fword', 'p@ss/word']);
    assert.deepEqual(urlPasswords('mongodb://a:one@h1,b@h2 and amqp://u:two@mq'), ['one', 'two']);
    assert.deepEqual(urlPasswords('https://user@host/path?x=a:b@c'), []);
    assert.deepEqual(urlPasswords('https://example.com/a:b'), []);
  });

  it('makes the password of any value a secret and shows the URL with it masked', () => {
    const session = values({ DATABASE_URL: 'postgres://app:correct-horse@db:5432/app', PAGER: 'https://pager.example/x' });
    assert.deepEqual(session.secrets(), ['correct-horse']);
    assert.equal(session.isSecret('DATABASE_URL'), false);
    assert.equal(session.shown('DATABASE_URL'), 'postgres://app:***@db:5432/app');
    assert.equal(session.shown('PAGER'), 'https://pager.example/x');
  });

  it('shows credential-named values as *** and collects them, GITHUB_PAT and SLACK_WEBHOOK from the environment included', () => {
    const session = values({ GITHUB_PAT: 'github_pat_11ABCDEFG', SLACK_WEBHOOK: 'https://hooks.slack.com/services/T0/B0/xyz123', PWD: '/home/me' });
    assert.deepEqual(session.secrets().sort(), ['github_pat_11ABCDEFG', 'https://hooks.slack.com/services/T0/B0/xyz123']);
    assert.equal(session.shown('GITHUB_PAT'), '***');
    assert.equal(session.shown('PWD'), '/home/me');
  });
});

describe('exports that hold a secret', () => {
  it('are kept by name only when they hold the secret encoded: base64 (also wrapped), hex, URL encoding, a URL password', () => {
    const token = 'tok-9f8e7d6c5b4a39281706';
    const session = values({}, { API_TOKEN: token });
    const base64 = Buffer.from(token).toString('base64');
    const kept = session.addExports({
      ENC: base64,
      BASIC: Buffer.from(`bot:${token}`).toString('base64'),
      WRAPPED: `${base64.slice(0, 10)}\n${base64.slice(10)}`,
      HEX: Buffer.from(token).toString('hex'),
      QUERY: `token=${encodeURIComponent(token)}`,
      DSN: 'postgres://app:other-password@db/app',
      REGION: 'eu-west-1',
    });
    assert.deepEqual(
      kept.map((entry) => [entry.name, entry.secret, entry.value]),
      [
        ['ENC', true, undefined],
        ['BASIC', true, undefined],
        ['WRAPPED', true, undefined],
        ['HEX', true, undefined],
        ['QUERY', true, undefined],
        ['DSN', true, undefined],
        ['REGION', false, 'eu-west-1'],
      ],
    );
    // From then on the encoded value is redacted as a secret of its own.
    assert.ok(session.secrets().includes(base64));
  });
});
