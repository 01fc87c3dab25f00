import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { logTruncationMarker } from '../../src/run/log-limit.ts';
import { REDACTED, runStep } from '../../src/run/index.ts';
import { until } from '../wait-until.ts';
import { makeStep } from './make-step.ts';
import { useTempDir } from './temp-dir.ts';

/** `bytes` with every occurrence of `secret` (as UTF-8) replaced by the redaction mark. */
function redactedBytes(bytes: Buffer, secret: string): Buffer {
  const needle = Buffer.from(secret, 'utf8');
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, from)) {
    parts.push(bytes.subarray(from, at), Buffer.from(REDACTED));
    from = at + needle.length;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

describe('runStep: the log holds the output as bytes', () => {
  const dir = useTempDir();

  it('keeps binary output byte for byte, but for the secret, wherever the pipe cut it', async () => {
    const secret = 's3cr3t-ĀЖ-value';
    const needle = Buffer.from(secret, 'utf8');
    const data = randomBytes(300_000);
    // At the start, across the first 64 KiB read, in the middle and at the very end.
    for (const at of [0, 65_530, 150_000, data.length - needle.length]) needle.copy(data, at);
    const dataFile = join(dir.path, 'data.bin');
    writeFileSync(dataFile, data);
    const logFile = join(dir.path, 'step.log');

    const result = await runStep(makeStep({ code: `cat '${dataFile}'\n` }), { logFile, secrets: [secret] });

    assert.equal(result.failed, false, result.shortMessage);
    const logged = readFileSync(logFile);
    const expected = redactedBytes(data, secret);
    assert.equal(logged.indexOf(needle), -1, 'the secret is not in the log');
    assert.equal(logged.length, expected.length);
    assert.ok(logged.equals(expected), 'the log is the output, the secret masked');
    assert.ok(!result.stdout.includes(secret));
  });

  it('keeps text with a cut multi-byte character intact in the log and readable in events', async () => {
    const logFile = join(dir.path, 'step.log');
    let streamed = '';
    const result = await runStep(makeStep({ code: "printf 'd\\303'; sleep 0.2; printf '\\251j\\340 vu\\n'\n" }), {
      logFile,
      onEvent: (event) => {
        if (event.type === 'stdout') streamed += event.chunk;
      },
    });
    assert.equal(streamed, 'déj\uFFFD vu\n');
    assert.equal(result.stdout, 'déj\uFFFD vu\n');
    assert.deepEqual([...readFileSync(logFile)], [...Buffer.from('déj'), 0xe0, ...Buffer.from(' vu\n')]);
  });
});

describe('runStep: logLimit', () => {
  const dir = useTempDir();

  it('cuts the log at the limit with a marker line, says where, and still streams everything', async () => {
    const logFile = join(dir.path, 'step.log');
    const result = await runStep(makeStep({ code: "head -c 5000 /dev/zero | tr '\\0' 'a'\necho\n" }), { logFile, logLimit: 1000 });
    assert.equal(result.failed, false);
    assert.equal(result.logTruncatedAt, 1000);
    assert.equal(readFileSync(logFile, 'utf8'), `${'a'.repeat(1000)}${logTruncationMarker(1000)}`);
    assert.match(logTruncationMarker(1000), /^\n\[runbook: log truncated at 1000 bytes/);
    assert.equal(result.stdout, `${'a'.repeat(5000)}\n`);
  });

  it('leaves a log under the limit whole, without a marker', async () => {
    const logFile = join(dir.path, 'step.log');
    const result = await runStep(makeStep({ code: 'echo short\n' }), { logFile, logLimit: 1000 });
    assert.equal(result.logTruncatedAt, undefined);
    assert.equal(readFileSync(logFile, 'utf8'), 'short\n');
  });

  it('refuses a limit that is not a number of bytes, naming the option', async () => {
    await assert.rejects(runStep(makeStep({ code: 'true\n' }), { logLimit: -1 }), /option 'logLimit' must be a non-negative number of bytes/);
  });
});

describe('runStep: a sink that is behind pauses the output', () => {
  const dir = useTempDir();

  it('reads nothing more while onEvent’s promise is pending, and everything once it settles', async () => {
    const size = 20 * 1024 * 1024;
    const logFile = join(dir.path, 'step.log');
    let release: (() => void) | undefined;
    let holding = false;
    let eventsWhileHeld = 0;
    const running = runStep(makeStep({ code: `head -c ${size} /dev/zero\n` }), {
      logFile,
      onEvent: (event) => {
        if (event.type !== 'stdout') return undefined;
        if (release !== undefined) {
          if (holding) eventsWhileHeld++;
          return undefined;
        }
        holding = true;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    });
    const releaseSink = await until(() => release);
    // Unpaced, the step writes gigabytes a second: a second's pause would show here.
    await delay(1000);
    const loggedWhileHeld = statSync(logFile).size;
    holding = false;
    releaseSink();
    const result = await running;
    assert.equal(eventsWhileHeld, 0);
    assert.ok(loggedWhileHeld < 1024 * 1024, `${loggedWhileHeld} bytes read while the sink was behind`);
    assert.equal(result.failed, false);
    assert.equal(statSync(logFile).size, size);
  });

  it('loses nothing when the step exits while its output waits for the sink', async () => {
    const logFile = join(dir.path, 'step.log');
    let release: (() => void) | undefined;
    // The rest fits in the pipe: the step exits while it waits there, unread.
    const running = runStep(makeStep({ code: 'printf start\nsleep 0.3\nhead -c 30000 /dev/zero\n' }), {
      logFile,
      // After the step's exit, output quiet this long (plus a second) is given up: the pause must not count as quiet.
      forceKillAfterDelay: 100,
      onEvent: (event) => {
        if (event.type !== 'stdout' || release !== undefined) return undefined;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    });
    const releaseSink = await until(() => release);
    await delay(2500);
    releaseSink();
    const result = await running;
    assert.equal(result.failed, false, result.shortMessage);
    assert.equal(statSync(logFile).size, 'start'.length + 30000);
  });

  it('cancels the run when the promise rejects, as when onEvent throws', async () => {
    const failure = new Error('the sink broke');
    const running = runStep(makeStep({ code: 'while true; do echo tick; sleep 0.05; done\n' }), {
      onEvent: (event) => (event.type === 'stdout' ? Promise.reject(failure) : undefined),
    });
    await assert.rejects(running, (error) => error === failure);
  });
});
