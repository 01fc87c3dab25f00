import assert from 'node:assert/strict';
import fc from 'fast-check';
import { credentialName } from '../../src/lint/source/secret-shapes.ts';
import { credentialNames, isCredentialName } from '../../src/session/secret-names.ts';

describe('lint: credential names come from the session table', () => {
  it('agrees with the table on every variable name it holds', () => {
    const word = fc.stringMatching(/^[A-Z][A-Z0-9]{0,7}$/);
    const tableWord = fc.constantFrom(...credentialNames.suffixes, ...credentialNames.fragments, 'HOST', 'PORT', 'NAME', 'URL');
    const name = fc.array(fc.oneof(word, tableWord), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('_'));
    fc.assert(
      fc.property(name, (variable) => {
        fc.pre(variable !== 'KEY');
        assert.equal(credentialName.test(variable), isCredentialName(variable), variable);
      }),
    );
  });

  it('reads the names the table adds (a DSN, a webhook, a PAT) and not the shell working directory', () => {
    for (const name of ['SENTRY_DSN', 'SLACK_WEBHOOK_URL', 'GITHUB_PAT', 'SESSION_COOKIE', 'AWS_CREDENTIALS']) assert.ok(credentialName.test(name), name);
    assert.equal(credentialName.test('PWD'), false);
  });

  it('reads names written in other styles: camelCase, kebab-case, dotted, lower case', () => {
    for (const name of ['apiKey', 'api-key', 'client.secret', 'accessToken', 'db_password', 'x-auth']) assert.ok(credentialName.test(name), name);
    for (const name of ['keyboard', 'monkey', 'tokenizer', 'author', 'hostname']) assert.equal(credentialName.test(name), false, name);
  });

  it('leaves a bare `key:` field (a label or taint key) alone', () => {
    assert.equal(credentialName.test('key'), false);
    assert.ok(isCredentialName('KEY'));
  });
});
