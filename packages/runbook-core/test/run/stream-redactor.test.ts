import assert from 'node:assert/strict';
import fc from 'fast-check';
import { REDACTED, redactText, StreamRedactor } from '../../src/run/index.ts';

function redactInChunks(text: string, secrets: string[], cuts: number[]): string {
  const redactor = new StreamRedactor(secrets);
  let output = '';
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    output += redactor.push(text.slice(from, cut));
    from = Math.max(from, cut);
  }
  return output + redactor.push(text.slice(from)) + redactor.flush();
}

describe('StreamRedactor', () => {
  it('replaces every occurrence of a secret', () => {
    assert.equal(redactText('token=hunter22; again hunter22.', ['hunter22']), `token=${REDACTED}; again ${REDACTED}.`);
  });

  it('finds a secret split at every possible point, one character at a time too', () => {
    const text = 'before s3cr3t-value after';
    for (let cut = 0; cut <= text.length; cut++) {
      assert.equal(redactInChunks(text, ['s3cr3t-value'], [cut]), `before ${REDACTED} after`, `cut at ${cut}`);
    }
    assert.equal(
      redactInChunks(
        text,
        ['s3cr3t-value'],
        [...text].map((_, index) => index),
      ),
      `before ${REDACTED} after`,
    );
  });

  it('holds back only a tail that could still become a secret, and releases it when it does not', () => {
    const redactor = new StreamRedactor(['password1']);
    assert.equal(redactor.push('user: pass'), 'user: ');
    assert.equal(redactor.push('port ok\n'), 'passport ok\n');
    assert.equal(redactor.flush(), '');
  });

  it('prefers the longer of two secrets sharing a start, even when the longer one completes later', () => {
    assert.equal(redactInChunks('x abcdefgh y', ['abcd', 'abcdefgh'], [6]), `x ${REDACTED} y`);
    assert.equal(redactInChunks('x abcd y', ['abcd', 'abcdefgh'], [6]), `x ${REDACTED} y`);
  });

  it('hides overlapping secrets completely', () => {
    const output = redactText('key=AAAABBBBCCCC', ['AAAABBBB', 'BBBBCCCC']);
    assert.equal(output, `key=${REDACTED}`);
  });

  it('ignores empty and short values, and also matches a value without its trailing newline', () => {
    assert.equal(redactText('a b abc 42', ['', 'a', 'abc', '42']), 'a b abc 42');
    assert.equal(redactText('the token is tok-123456 ok', ['tok-123456\n']), `the token is ${REDACTED} ok`);
  });

  it('never lets a secret through, however the text is cut, and agrees with one-piece redaction', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', 'x', '\n', 'é');
    const word = fc.string({ unit: alphabet, minLength: 0, maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: alphabet, minLength: 4, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(word, fc.nat(2)), { maxLength: 8 }),
        fc.array(fc.nat(120), { maxLength: 10 }),
        (secrets, parts, cuts) => {
          const text = parts.map(([filler, which]) => filler + (secrets[which % secrets.length] ?? '')).join('');
          const output = redactInChunks(text, secrets, cuts);
          assert.equal(output, redactText(text, secrets));
          for (const secret of secrets) assert.ok(!output.includes(secret), `${JSON.stringify(secret)} leaked in ${JSON.stringify(output)}`);
        },
      ),
      { numRuns: 500 },
    );
  });
});
