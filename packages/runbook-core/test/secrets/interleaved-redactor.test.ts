import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CROSS_STREAM_HOLD_LIMIT, InterleavedRedactor, type OutputStream, type RedactedPiece } from '../../src/run/interleaved-redactor.ts';
import { encodingsOf, leakedForm } from './secret-oracle.ts';

interface Seen {
  merged: string;
  stdout: string;
  stderr: string;
}

function collect(pieces: readonly RedactedPiece[], seen: Seen): void {
  for (const piece of pieces) {
    seen.merged += piece.text;
    seen[piece.stream] += piece.text;
  }
}

/** Feeds `(stream, text)` writes in order, ends each stream after its last write, then finishes. */
function redact(secrets: string[], writes: ReadonlyArray<[OutputStream, string]>): Seen {
  const redactor = new InterleavedRedactor(secrets);
  const seen: Seen = { merged: '', stdout: '', stderr: '' };
  const last = { stdout: -1, stderr: -1 };
  writes.forEach(([stream], index) => {
    last[stream] = index;
  });
  writes.forEach(([stream, text], index) => {
    collect(redactor.push(stream, text), seen);
    if (last[stream] === index) collect(redactor.end(stream), seen);
  });
  collect(redactor.finish(), seen);
  return seen;
}

/** Cuts `text` at the given points and gives each piece a stream. */
function interleave(text: string, cuts: number[], streams: boolean[]): Array<[OutputStream, string]> {
  const points = [...new Set([0, ...cuts.map((cut) => cut % (text.length + 1)), text.length])].sort((a, b) => a - b);
  const writes: Array<[OutputStream, string]> = [];
  for (let index = 0; index + 1 < points.length; index++) {
    writes.push([streams[index % Math.max(1, streams.length)] ? 'stderr' : 'stdout', text.slice(points[index], points[index + 1])]);
  }
  return writes;
}

// No `*` (what a secret becomes) and no `.` (the fillers' separator below).
const secretChar = fc.constantFrom(...'abcXYZ0189+/=:@ %é-_~\n');
const secret = fc.string({ unit: secretChar, minLength: 8, maxLength: 24 }).filter((value) => value.trim().length >= 8);

describe('InterleavedRedactor', () => {
  it('masks a secret printed half on stdout and half on stderr, in the merged text and in each stream', () => {
    const seen = redact(
      ['hunter2-token'],
      [
        ['stdout', 'token: hunter2'],
        ['stderr', '-token\n'],
      ],
    );
    assert.equal(seen.merged, 'token: ******\n');
    assert.equal(seen.stdout, 'token: ***');
    assert.equal(seen.stderr, '***\n');
  });

  it("masks a secret whole in one stream's own text though the other stream wrote between its parts", () => {
    const seen = redact(
      ['hunter2-token'],
      [
        ['stdout', 'a hunter'],
        ['stderr', 'progress 50%\n'],
        ['stdout', '2-token b\n'],
      ],
    );
    assert.ok(!seen.stdout.includes('hunter2-token'), seen.stdout);
    assert.equal(seen.stdout, 'a ****** b\n');
    assert.equal(seen.stderr, 'progress 50%\n');
    assert.equal(seen.merged, 'a ***progress 50%\n*** b\n');
  });

  it('masks base64 of user:secret, hex, and URL-encoded forms', () => {
    const token = 'gh_p@t/Secret+Value';
    const basic = Buffer.from(`admin:${token}`).toString('base64');
    const seen = redact(
      [token],
      [
        ['stdout', `Authorization: Basic ${basic}\n`],
        ['stderr', `hex=${Buffer.from(token).toString('hex')} url=${encodeURIComponent(token)}\n`],
      ],
    );
    for (const text of [seen.merged, seen.stdout, seen.stderr]) assert.equal(leakedForm(text, token), undefined, text);
    assert.match(seen.stdout, /^Authorization: Basic \S*\*\*\*\S*\n$/);
    assert.equal(seen.stderr, 'hex=*** url=***\n');
  });

  it("releases one stream's undecided tail once the other has written more than the limit, so output keeps flowing", () => {
    const redactor = new InterleavedRedactor(['hunter2-token']);
    assert.deepEqual(redactor.push('stdout', 'login: hunt'), [{ stream: 'stdout', text: 'login: ' }]);
    // Held: stderr's text comes after stdout's undecided tail.
    assert.deepEqual(redactor.push('stderr', 'x'.repeat(100)), []);
    const released = redactor.push('stderr', 'y'.repeat(CROSS_STREAM_HOLD_LIMIT));
    assert.deepEqual(
      released.map((piece) => [piece.stream, piece.text.length]),
      [
        ['stdout', 4],
        ['stderr', 100 + CROSS_STREAM_HOLD_LIMIT],
      ],
    );
  });

  it('never passes on a secret or an encoding of it whole, wherever the text is cut and however the streams interleave', () => {
    fc.assert(
      fc.property(
        secret,
        fc.array(fc.tuple(fc.string({ unit: fc.constantFrom(...'ab0Z+/= \n.'), maxLength: 6 }), fc.nat(20)), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(400), { maxLength: 24 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 24 }),
        (value, parts, cuts, streams) => {
          const forms = encodingsOf(value);
          const text = parts.map(([filler, which]) => filler + (forms[which % forms.length] ?? '')).join('');
          const seen = redact([value], interleave(text, cuts, streams));
          for (const [name, output] of Object.entries(seen)) {
            const leaked = leakedForm(output, value);
            assert.equal(leaked, undefined, `${JSON.stringify(leaked)} whole in ${name}: ${JSON.stringify(output)}`);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('passes on everything else unchanged, in order, holding back only what could become a secret', () => {
    fc.assert(
      fc.property(
        // Untrimmed, a start of the value could be its trimmed form, which is a secret too.
        secret.filter((value) => value === value.trim()),
        fc.array(fc.tuple(fc.string({ unit: fc.constantFrom(...'.,;!?\n'), minLength: 1, maxLength: 6 }), fc.nat(20), fc.nat(40)), { maxLength: 6 }),
        fc.array(fc.nat(400), { maxLength: 24 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 24 }),
        (value, parts, cuts, streams) => {
          const hex = Buffer.from(value).toString('hex');
          const forms = [value, hex, hex.toUpperCase(), encodeURIComponent(value)];
          // Fillers share no character with any form; each part is a proper start of the value, its hex or URL form, never a whole one.
          const text = parts.map(([filler, which, size]) => {
            const form = forms[which % forms.length] ?? '';
            return filler + form.slice(0, size % form.length);
          });
          const writes = interleave(text.join(''), cuts, streams);
          const seen = redact([value], writes);
          const expected = (stream?: OutputStream) =>
            writes
              .filter(([written]) => stream === undefined || written === stream)
              .map(([, piece]) => piece)
              .join('');
          assert.equal(seen.merged, expected());
          assert.equal(seen.stdout, expected('stdout'));
          assert.equal(seen.stderr, expected('stderr'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with no secrets passes every chunk on as it comes', () => {
    const redactor = new InterleavedRedactor([]);
    assert.deepEqual(redactor.push('stdout', 'a'), [{ stream: 'stdout', text: 'a' }]);
    assert.deepEqual(redactor.push('stderr', 'b'), [{ stream: 'stderr', text: 'b' }]);
    assert.deepEqual(redactor.finish(), []);
  });
});
