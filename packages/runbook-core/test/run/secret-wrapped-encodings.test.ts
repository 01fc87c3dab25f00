import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { InterleavedRedactor } from '../../src/run/interleaved-redactor.ts';
import { secretForms } from '../../src/run/secret-encodings.ts';
import { runStep, StreamRedactor } from '../../src/run/index.ts';
import { makeStep } from './make-step.ts';
import { useTempDir } from './temp-dir.ts';

/** `text` broken into lines of `width` characters, as `base64 -w` prints it. */
function wrap(text: string, width: number, newline: string): string {
  const lines: string[] = [];
  for (let at = 0; at < text.length; at += width) lines.push(text.slice(at, at + width));
  return lines.join(newline);
}

/** The encoded forms of `secret` that the output still holds once its line breaks are taken out. */
function formsLeft(output: string, secret: string): string[] {
  const joined = output.replace(/\r?\n/g, '');
  return secretForms(secret).filter((form) => form !== secret && joined.includes(form));
}

function redactInChunks(text: string, secret: string, cuts: number[]): string {
  const redactor = new StreamRedactor([secret]);
  let output = '';
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    output += redactor.push(text.slice(from, cut));
    from = Math.max(from, cut);
  }
  return output + redactor.push(text.slice(from)) + redactor.flush();
}

describe('redaction: encoded secrets wrapped over lines', () => {
  const secret = fc.string({ unit: fc.constantFrom(...'abcdefXYZ0189-_.:/+=é€'), minLength: 4, maxLength: 60 });
  // Framing made of characters outside base64 and hex, so that it cannot complete a form by chance.
  const framing = fc.string({ unit: fc.constantFrom(' ', '#', '!', '\n', '*'), maxLength: 8 });

  it('masks base64 of any secret wrapped at any width, with \\n or \\r\\n, however the output is cut', () => {
    fc.assert(
      fc.property(
        secret,
        fc.integer({ min: 1, max: 80 }),
        fc.constantFrom('\n', '\r\n'),
        framing,
        framing,
        fc.array(fc.nat(), { maxLength: 4 }),
        (value, width, newline, before, after, cutSeeds) => {
          const encoded = wrap(Buffer.from(value, 'utf8').toString('base64'), width, newline);
          const text = `${before}${encoded}${newline}${after}`;
          const cuts = cutSeeds.map((seed) => seed % (text.length + 1));
          assert.deepEqual(formsLeft(redactInChunks(text, value, cuts), value), []);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('masks wrapped hex split between stdout and stderr, on the bytes view', () => {
    fc.assert(
      fc.property(secret, fc.integer({ min: 1, max: 40 }), (value, width) => {
        const encoded = wrap(Buffer.from(value, 'utf8').toString('hex'), width, '\n');
        const redactor = new InterleavedRedactor([value], true);
        const bytes = Buffer.from(`${encoded}\n`, 'utf8').toString('latin1');
        const half = Math.floor(bytes.length / 2);
        const pieces = [...redactor.push('stdout', bytes.slice(0, half)), ...redactor.push('stderr', bytes.slice(half)), ...redactor.finish()];
        assert.deepEqual(formsLeft(pieces.map((piece) => piece.text).join(''), value), []);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves wrapped text that only resembles a form alone', () => {
    const value = 'correct-horse-battery';
    const encoded = Buffer.from(value).toString('base64');
    // One character changed in the middle of the wrapped form: nothing to mask.
    const changed = `${encoded.slice(0, 10)}${encoded[10] === 'A' ? 'B' : 'A'}${encoded.slice(11)}`;
    const text = `${wrap(changed, 8, '\n')}\n`;
    assert.equal(redactInChunks(text, value, []), text);
  });
});

describe('redaction: a line held back for a wrapped encoding', () => {
  const secret = 'correct-horse-battery-staple';
  const form = secretForms(secret).find((candidate) => candidate !== secret && /^[A-Za-z]/.test(candidate)) as string;

  it('is passed on when the output settles; a tail cut mid-line is not', () => {
    const redactor = new InterleavedRedactor([secret], true);
    assert.deepEqual(redactor.push('stdout', `ready: ${form[0]}\n`), [{ stream: 'stdout', text: 'ready: ' }]);
    assert.deepEqual(redactor.settle(), [{ stream: 'stdout', text: `${form[0]}\n` }]);
    assert.deepEqual(redactor.push('stdout', `token ${secret.slice(0, 6)}`), [{ stream: 'stdout', text: 'token ' }]);
    assert.deepEqual(redactor.settle(), []);
    assert.deepEqual(redactor.push('stdout', `${secret.slice(6)}\n`), [{ stream: 'stdout', text: '***\n' }]);
  });

  it('shows a step’s last line while the step waits, not only once it prints again', async () => {
    const chunks: string[] = [];
    await runStep(makeStep({ code: `printf 'ready: %s\\n' '${form[0]}'\nsleep 1.5\necho done\n` }), {
      secrets: [secret],
      onEvent: (event) => {
        if (event.type === 'stdout') chunks.push(event.chunk);
      },
    });
    assert.deepEqual(chunks.join(''), `ready: ${form[0]}\ndone\n`);
    const lineShown = chunks.findIndex((chunk) => chunk.endsWith(`${form[0]}\n`));
    const doneShown = chunks.findIndex((chunk) => chunk.includes('done'));
    assert.ok(lineShown !== -1 && lineShown < doneShown, JSON.stringify(chunks));
  });
});

describe('runStep: base64 -w of a secret', () => {
  const dir = useTempDir();

  for (const command of ['base64 -w 20', 'base64', 'base64 -w 1']) {
    it(`masks \`printf %s "$TOKEN" | ${command}\` in events, the result and the log`, async () => {
      const token = 'tok-9f8e7d6c5b4a39281706f5e4d3c2b1a0-ZZ-0123456789abcdef0123456789abcdef';
      const logFile = join(dir.path, 'step.log');
      let streamed = '';
      const result = await runStep(makeStep({ code: `printf %s "$TOKEN" | ${command}\necho "user:$TOKEN" | ${command}\n` }), {
        env: { TOKEN: token },
        secrets: [token],
        logFile,
        onEvent: (event) => {
          if (event.type === 'stdout') streamed += event.chunk;
        },
      });
      assert.equal(result.failed, false, result.shortMessage);
      for (const output of [streamed, result.stdout, readFileSync(logFile, 'utf8')]) assert.deepEqual(formsLeft(output, token), []);
      assert.match(streamed, /\*\*\*/);
    });
  }
});
