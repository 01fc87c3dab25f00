import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { runStep, type StepResult } from '../../src/run/index.ts';
import { readProcessStatus } from '../../src/run/process-tree.ts';
import { makeStep } from './make-step.ts';
import { useTempDir } from './temp-dir.ts';

function isRunning(pid: number): boolean {
  const status = readProcessStatus(pid);
  return status !== undefined && status.state !== 'Z';
}

/** Polls until none of `pids` runs; gives up after a generous while, for the test's own safety. */
async function survivors(pids: number[]): Promise<number[]> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const running = pids.filter(isRunning);
    if (running.length === 0) return [];
    await delay(50);
  }
  return pids.filter(isRunning);
}

function readPids(file: string): number[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : [];
}

const processTree = [
  '( ( sleep 1000 & echo $! >> "$PIDS" ); sleep 1000 & echo $! >> "$PIDS"; wait ) &',
  'echo $! >> "$PIDS"',
  'setsid sleep 1000 &',
  'echo $! >> "$PIDS"',
  `( setsid sh -c 'echo $$ >> "$PIDS"; exec sleep 1000' & )`,
  'sleep 1000 &',
  'echo $! >> "$PIDS"',
  'while [ "$(wc -l < "$PIDS")" -lt 6 ]; do sleep 0.05; done',
  'echo ready',
  'wait',
  '',
].join('\n');

describe('runStep: timeout and cancellation', () => {
  const dir = useTempDir();

  for (const how of ['timeout', 'abort'] as const) {
    it(`ends the whole process tree on ${how}: nested background jobs and setsid'd processes too`, async () => {
      const pidsFile = join(dir.path, 'pids');
      const controller = new AbortController();
      const result = await runStep(makeStep({ code: processTree }), {
        variables: { PIDS: pidsFile },
        ...(how === 'timeout' ? { timeout: 5000 } : { signal: controller.signal }),
        onEvent: (event) => {
          if (how === 'abort' && event.type === 'stdout' && event.chunk.includes('ready')) controller.abort();
        },
      });
      const pids = readPids(pidsFile);
      assert.equal(pids.length, 6, `all six background processes started: ${pids.join(' ')}`);
      assert.deepEqual(await survivors(pids), []);
      assert.equal(result.failed, true);
      assert.equal(result.timedOut, how === 'timeout');
      assert.equal(result.isCanceled, how === 'abort');
      assert.equal(result.signal, 'SIGTERM');
      assert.equal(result.isTerminated, true);
      assert.equal(result.exitCode, undefined);
      assert.match(result.shortMessage, how === 'timeout' ? /timed out after 5000 milliseconds: bash step\.sh$/ : /was canceled: bash step\.sh$/);
    });
  }

  it('forces SIGKILL after the grace delay on processes that ignore SIGTERM', async () => {
    const pidsFile = join(dir.path, 'pids');
    const step = makeStep({ code: 'trap \'\' TERM\nsleep 1000 &\necho $! >> "$PIDS"\necho $$ >> "$PIDS"\necho ready\nwait\n' });
    const controller = new AbortController();
    const result: StepResult = await runStep(step, {
      variables: { PIDS: pidsFile },
      signal: controller.signal,
      forceKillAfterDelay: 300,
      onEvent: (event) => event.type === 'stdout' && controller.abort(),
    });
    assert.equal(result.isForcefullyTerminated, true);
    assert.equal(result.signal, 'SIGKILL');
    const pids = readPids(pidsFile);
    assert.equal(pids.length, 2);
    assert.deepEqual(await survivors(pids), []);
  });

  it('ends background jobs left running when the script exits, instead of waiting for them', async () => {
    const pidsFile = join(dir.path, 'pids');
    const step = makeStep({ code: 'sleep 1000 &\necho $! >> "$PIDS"\n( sleep 1000 & echo $! >> "$PIDS" )\necho done\n' });
    const result = await runStep(step, { variables: { PIDS: pidsFile } });
    assert.equal(result.exitCode, 0);
    assert.equal(result.failed, false);
    assert.equal(result.stdout, 'done\n');
    const pids = readPids(pidsFile);
    assert.equal(pids.length, 2);
    assert.deepEqual(await survivors(pids), []);
  });

  it('does not wait forever on a process that escaped every way of finding it but holds the output', async () => {
    const pidsFile = join(dir.path, 'pids');
    const step = makeStep({ code: `env -i setsid sh -c 'exec sleep 1000' &\necho $! >> "$PIDS"\necho done\n` });
    const result = await runStep(step, { variables: { PIDS: pidsFile }, forceKillAfterDelay: 200 });
    const pids = readPids(pidsFile);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    assert.equal(result.exitCode, 0);
    assert.equal(result.stdout, 'done\n');
    assert.equal(pids.length, 1);
  });

  it('runs nothing when the signal is already aborted', async () => {
    const marker = join(dir.path, 'ran');
    const result = await runStep(makeStep({ code: `touch "${marker}"\n` }), { signal: AbortSignal.abort() });
    assert.equal(result.isCanceled, true);
    assert.equal(result.failed, true);
    assert.equal(result.pid, undefined);
    assert.equal(existsSync(marker), false);
  });

  it("takes the step's timeout attribute when no timeout option is given", async () => {
    const result = await runStep(makeStep({ code: 'sleep 1000\n', options: { timeoutMs: 200 } }));
    assert.equal(result.timedOut, true);
    assert.equal(result.signal, 'SIGTERM');
  });
});
