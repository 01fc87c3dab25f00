import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runStep, type StepEvent } from '../../src/run/index.ts';
import { makeStep } from './make-step.ts';
import { useTempDir } from './temp-dir.ts';

describe('runStep: output', () => {
  const dir = useTempDir();

  it('keeps memory bounded on 50 MB of output: head and tail in the result, everything in the log file', async () => {
    const size = 50 * 1024 * 1024;
    const step = makeStep({ code: `echo START\nhead -c ${size} /dev/zero | tr '\\0' 'x'\necho\necho END >&2\necho END\n` });
    const logFile = join(dir.path, 'incident', 'step.log');
    let streamed = 0;
    let largestChunk = 0;
    const result = await runStep(step, {
      logFile,
      onEvent: (event) => {
        if (event.type === 'stdout' || event.type === 'stderr') {
          streamed += event.chunk.length;
          largestChunk = Math.max(largestChunk, event.chunk.length);
        }
      },
    });
    const total = 'START\n'.length + size + '\nEND\n'.length + 'END\n'.length;
    assert.equal(result.exitCode, 0);
    assert.equal(streamed, total);
    assert.ok(largestChunk <= 1024 * 1024, `chunks are pipe-sized, got ${largestChunk}`);
    assert.equal(statSync(logFile).size, total);
    assert.equal((statSync(logFile).mode & 0o777).toString(8), '600');
    assert.equal(result.logFile, logFile);
    assert.ok(result.stdout.startsWith('START\nxxx'));
    assert.ok(result.stdout.endsWith('xxx\nEND\n'));
    assert.ok(result.stdout.length <= 2 * 64 * 1024 + 200, `stdout kept ${result.stdout.length} characters`);
    assert.ok(result.output.length <= 2 * 64 * 1024 + 200, `output kept ${result.output.length} characters`);
    assert.equal(result.stderr, 'END\n');
    assert.equal(result.truncated?.stdout, total - 'END\n'.length - 2 * 64 * 1024);
    assert.equal(result.truncated?.stderr, 0);
    assert.match(
      result.stdout,
      new RegExp(`\\[… ${result.truncated?.stdout} characters omitted; the full output is in ${logFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} …\\]`),
    );
  });

  it('keeps as much as bufferHead and bufferTail say', async () => {
    const result = await runStep(makeStep({ code: 'printf "%s" 0123456789abcdefghijklmnopqrstuvwxyz\n' }), { bufferHead: 4, bufferTail: 3 });
    assert.equal(result.stdout, '0123\n[… 29 characters omitted …]\nxyz');
    assert.deepEqual(result.truncated, { stdout: 29, stderr: 0, output: 29 });
    const whole = await runStep(makeStep({ code: 'echo short\n' }), { bufferHead: 4, bufferTail: 3 });
    assert.equal(whole.truncated, undefined);
  });

  it('redacts secrets in events, result fields and the log file, even when printed in pieces', async () => {
    const secret = 'tok-s3cret-value-42';
    const step = makeStep({
      code: [
        "printf 'before tok-s3'; sleep 0.2",
        "printf 'cret-val'; sleep 0.2",
        "printf 'ue-42 after\\n'",
        'echo "from env: $DB_PASSWORD" >&2',
        'exit 1',
        '',
      ].join('\n'),
    });
    const events: StepEvent[] = [];
    const logFile = join(dir.path, 'step.log');
    const result = await runStep(step, {
      secrets: [secret, 'pa55word-db'],
      variables: { DB_PASSWORD: 'pa55word-db' },
      logFile,
      onEvent: (event) => events.push(event),
    });
    const chunks = events.flatMap((event) => (event.type === 'stdout' || event.type === 'stderr' ? [event.chunk] : []));
    assert.ok(chunks.filter((chunk) => chunk.includes('before')).length >= 1);
    assert.equal(result.stdout, 'before *** after\n');
    assert.equal(result.stderr, 'from env: ***\n');
    const everywhere = [chunks.join(''), result.stdout, result.stderr, result.output, result.message, readFileSync(logFile, 'utf8'), JSON.stringify(events)];
    for (const text of everywhere) {
      assert.ok(!text.includes('s3cret') && !text.includes('pa55word'), text);
      assert.ok(!/tok-s3\b|cret-val/.test(text), `no piece of the secret: ${text}`);
    }
  });
});

describe('runStep: a log file that fails', () => {
  const dir = useTempDir();

  it('goes on without the log when the disk is full, and counts the step as failed', async () => {
    const result = await runStep(makeStep({ code: "head -c 3000000 /dev/zero | tr '\\0' 'x'\necho\necho end\n" }), { logFile: '/dev/full' });
    assert.equal(result.exitCode, 0);
    assert.equal(result.failed, true);
    assert.match(result.logIncomplete ?? '', /ENOSPC/);
    assert.match(result.shortMessage, /succeeded, but its log file \/dev\/full is incomplete \(ENOSPC.*\), so it counts as failed/);
    assert.equal((result.cause as NodeJS.ErrnoException).code, 'ENOSPC');
    assert.ok(result.stdout.endsWith('xxx\nend\n'));
    assert.doesNotMatch(result.stdout, /full output is in/);
  });

  it('runs nothing when the log file cannot be opened', async () => {
    const notADirectory = join(dir.path, 'file');
    writeFileSync(notADirectory, '');
    const result = await runStep(makeStep({ code: `touch "${join(dir.path, 'ran')}"\n` }), { logFile: join(notADirectory, 'step.log') });
    assert.equal(result.failed, true);
    assert.equal(result.pid, undefined);
    assert.match(result.shortMessage, /cannot write its log file .*\/file\/step\.log: EEXIST/);
    assert.equal(existsSync(join(dir.path, 'ran')), false);
  });
});
