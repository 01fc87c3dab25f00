import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runStep } from '../../src/run/index.ts';
import { readProcessStatus } from '../../src/run/process-tree.ts';
import type { StepTerminal } from '../../src/run/run-step-options.ts';
import { makeStep } from './make-step.ts';
import { useTempDir } from './temp-dir.ts';

/** A terminal that types `typed` as soon as the step starts. */
function typing(...typed: string[]): StepTerminal {
  return {
    columns: 100,
    rows: 30,
    input: (write) => {
      for (const text of typed) write(text);
    },
  };
}

describe('runStep: interactive steps', () => {
  const dir = useTempDir();

  it('is refused without a terminal, saying how to get one, and runs nothing', async () => {
    const marker = join(dir.path, 'ran');
    const step = makeStep({ name: 'shell-in', code: `touch ${marker}\nread answer\n`, options: { interactive: true } });
    const result = await runStep(step, { yes: true });
    assert.equal(result.refused, true);
    assert.equal(result.failed, true);
    assert.equal(result.pid, undefined);
    assert.match(result.shortMessage, /interactive \(interactive=true\) and needs a terminal; run it from a terminal .* or from the editor/);
    assert.throws(() => readFileSync(marker));
  });

  it('reads what is typed into its terminal', async () => {
    const step = makeStep({ code: 'read -r answer\necho "got:$answer"\n', options: { interactive: true } });
    const result = await runStep(step, { terminal: typing('rollback\r') });
    assert.equal(result.exitCode, 0, result.message);
    assert.match(result.stdout, /got:rollback/);
  });

  it('gives the step a real terminal: tty names a /dev/pts device and the size is the one asked for', async () => {
    const step = makeStep({ code: 'tty\nstty size\n', options: { interactive: true } });
    const result = await runStep(step, { terminal: { columns: 91, rows: 17, input: () => {} } });
    assert.equal(result.exitCode, 0, result.message);
    assert.match(result.stdout, /^\/dev\/pts\/\d+\r?\n17 91\r?\n$/);
  });

  it('redacts a secret printed in the terminal, in the result, events and log file', async () => {
    const secret = 'tok-3f9a7c1e55';
    const logFile = join(dir.path, 'log', 'step.log');
    const chunks: string[] = [];
    const step = makeStep({ code: 'echo "token=$API_TOKEN"\nread -r typed\necho "typed=$typed"\n', options: { interactive: true } });
    const result = await runStep(step, {
      env: { API_TOKEN: secret },
      secrets: [secret],
      logFile,
      terminal: typing(`${secret}\r`),
      onEvent: (event) => event.type === 'stdout' && chunks.push(event.chunk),
    });
    assert.equal(result.exitCode, 0, result.message);
    for (const text of [result.stdout, result.output, chunks.join(''), readFileSync(logFile, 'utf8')]) {
      assert.ok(!text.includes(secret), text);
      assert.match(text, /token=\*\*\*/);
      assert.match(text, /typed=\*\*\*/);
    }
  });

  it('still reports failed commands and exports, and ends on timeout', async () => {
    const step = makeStep({ code: 'false\nexport CHOSEN=blue\necho ok\n', options: { interactive: true } });
    const result = await runStep(step, { terminal: typing() });
    assert.equal(result.failed, true);
    assert.deepEqual(result.failedCommands, [{ number: 1, line: 1, exitCode: 1 }]);
    assert.deepEqual(result.exported, { CHOSEN: 'blue' });
    const waiting = await runStep(makeStep({ code: 'read -r never\n', options: { interactive: true } }), { terminal: typing(), timeout: 300 });
    assert.equal(waiting.timedOut, true);
    assert.equal(waiting.failed, true);
  });

  it('ends background jobs left in its terminal when the script exits', async () => {
    const pidFile = join(dir.path, 'job.pid');
    // It ignores the hangup the terminal sends when the shell ends: only the run's own cleanup ends it.
    const step = makeStep({ code: `(trap '' HUP; exec sleep 300) &\necho $! > ${pidFile}\n`, options: { interactive: true } });
    const result = await runStep(step, { terminal: typing(), forceKillAfterDelay: 500 });
    assert.equal(result.exitCode, 0, result.message);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(pid > 0);
    // Gone, or dead and waiting to be reaped (a container's init may never reap it).
    assert.ok([undefined, 'Z'].includes(readProcessStatus(pid)?.state), `process ${pid} still runs`);
  });

  it('rejects a malformed terminal option, naming it', async () => {
    const step = makeStep({ code: 'true\n', options: { interactive: true } });
    await assert.rejects(runStep(step, { terminal: { columns: 0, rows: 10, input: () => {} } }), /option 'terminal\.columns' must be a whole number/);
    await assert.rejects(runStep(step, { terminal: { columns: 80, rows: 10 } as unknown as StepTerminal }), /option 'terminal\.input' must be a function/);
  });
});
