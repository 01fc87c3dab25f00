import assert from 'node:assert/strict';
import fc from 'fast-check';
import { secretExportNames, secretForms } from '../../src/run/secret-exports.ts';

describe('secretExportNames', () => {
  it('finds a secret base64-encoded inside any text, at any alignment, standard or URL-safe', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 40 }), fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (secret, before, after) => {
        const encoded = Buffer.from(`${before}${secret}${after}`, 'utf8').toString('base64');
        const urlSafe = encoded.replace(/\+/g, '-').replace(/\//g, '_');
        assert.deepEqual(secretExportNames({ A: encoded, B: urlSafe, C: 'unrelated' }, [secret]), ['A', 'B']);
      }),
    );
  });

  it('finds it as hex and URL-encoded, and not in values that merely share a few characters', () => {
    const secret = 'p@ss/w0rd+K3y';
    const exported = {
      HEX: Buffer.from(`x${secret}`).toString('hex'),
      HEX_UPPER: Buffer.from(secret).toString('hex').toUpperCase(),
      QUERY: `a=1&token=${encodeURIComponent(secret)}`,
      NEAR: 'p@ss/w0r',
    };
    assert.deepEqual(secretExportNames(exported, [secret]), ['HEX', 'HEX_UPPER', 'QUERY']);
  });

  it('ignores secrets too short to redact, and has no forms shorter than six characters but the secret itself', () => {
    assert.deepEqual(secretExportNames({ A: 'abc' }, ['abc']), []);
    for (const form of secretForms('abcd')) assert.ok(form.length >= 6 || form === 'abcd', form);
  });
});
