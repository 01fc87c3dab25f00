import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runStep, StepError, type StepEvent } from '../../src/run/index.ts';
import { scriptParentDirectory } from '../../src/run/private-directory.ts';
import { makeStep } from './make-step.ts';
import { useTempDir } from './temp-dir.ts';

const execFileAsync = promisify(execFile);

describe('runStep', () => {
  const dir = useTempDir();

  it('runs a bash block as written and returns an execa-shaped result', async () => {
    const step = makeStep({ name: 'hello', code: 'echo "hello $((6 * 7))"\necho oops >&2\n' });
    const result = await runStep(step, { runbookDir: dir.path });
    assert.equal(result.exitCode, 0);
    assert.equal(result.failed, false);
    assert.equal(result.stdout, 'hello 42\n');
    assert.equal(result.stderr, 'oops\n');
    assert.equal(result.output, 'hello 42\noops\n');
    assert.equal(result.cwd, dir.path);
    assert.equal(result.command, 'bash step.sh');
    assert.equal(result.stepName, 'hello');
    assert.equal(result.timedOut, false);
    assert.equal(result.isCanceled, false);
    assert.equal(result.shortMessage, 'Step "hello" succeeded: bash step.sh');
    assert.ok(result.durationMs > 0);
    assert.ok(!Number.isNaN(Date.parse(result.startedAt)));
  });

  it('runs sh, python3 and node blocks with their own interpreter', async () => {
    const sh = await runStep(makeStep({ lang: 'sh', code: 'if [ -n "${BASH_VERSION:-}" ]; then echo bash; else echo posix; fi\n' }));
    assert.equal(sh.stdout, 'posix\n');
    const python = await runStep(makeStep({ lang: 'python', code: 'import sys\nprint(sys.version_info[0])\n' }));
    assert.equal(python.stdout, '3\n');
    const node = await runStep(makeStep({ lang: 'js', code: 'console.log(typeof process.versions.node)\n' }));
    assert.equal(node.stdout, 'string\n');
  });

  it("uses the step's shell attribute, then the runbook default for generic shell blocks", async () => {
    const probe = 'if [ -n "${BASH_VERSION:-}" ]; then echo bash; else echo posix; fi\n';
    assert.equal((await runStep(makeStep({ lang: 'sh', code: probe }), { shell: 'bash' })).stdout, 'bash\n');
    assert.equal((await runStep(makeStep({ lang: 'bash', code: probe, options: { shell: 'sh' } }))).stdout, 'posix\n');
    assert.equal((await runStep(makeStep({ lang: 'bash', code: probe }), { shell: 'sh' })).stdout, 'bash\n');
  });

  it('runs zsh blocks where zsh is installed, and otherwise fails with a clear message', async () => {
    const code = 'echo ${ZSH_VERSION:+zsh}\nexport FROM_ZSH=$\'\\303\\274\\001\'\nexport PATH="$PATH:/opt/zsh extra"\n';
    const result = await runStep(makeStep({ lang: 'zsh', code }), { env: { LC_ALL: 'C' } });
    if (result.exitCode === 0) {
      assert.equal(result.stdout, 'zsh\n');
      assert.deepEqual(result.exported, { FROM_ZSH: 'ü\u0001' });
      assert.deepEqual(
        result.droppedExports?.map((dropped) => dropped.name),
        ['PATH'],
      );
    } else {
      assert.equal(result.failed, true);
      assert.match(result.message, /interpreter "zsh" was not found \(is it installed and on PATH\?\)/);
    }
  });

  it('reports a missing interpreter as a failed result, not a throw', async () => {
    const step = makeStep({ code: 'echo hi\n', options: { interpreter: 'no-such-interpreter-xyz' } });
    const result = await runStep(step, { yes: true });
    assert.equal(result.failed, true);
    assert.equal(result.exitCode, undefined);
    assert.equal(result.stdout, '');
    assert.match(result.shortMessage, /could not start: interpreter "no-such-interpreter-xyz" was not found/);
    assert.equal((result.cause as NodeJS.ErrnoException).code, 'ENOENT');
  });

  it('reports a step whose language has no interpreter without running anything', async () => {
    const result = await runStep(makeStep({ lang: 'yaml', code: 'a: 1\n' }));
    assert.equal(result.failed, true);
    assert.match(result.message, /no interpreter for language "yaml"/);
  });

  it('returns failure with the same shape by default, and rejects with a StepError when asked', async () => {
    const step = makeStep({ name: 'broken', code: 'echo partial\nexit 7\n' });
    const result = await runStep(step);
    assert.equal(result.failed, true);
    assert.equal(result.exitCode, 7);
    assert.equal(result.shortMessage, 'Step "broken" failed with exit code 7: bash step.sh');
    assert.equal(result.message, 'Step "broken" failed with exit code 7: bash step.sh\n\npartial\n');
    await assert.rejects(runStep(step, { reject: true }), (error: unknown) => {
      assert.ok(error instanceof StepError);
      assert.equal(error.exitCode, 7);
      assert.equal(error.stdout, 'partial\n');
      assert.equal(error.message, result.message);
      return true;
    });
  });

  it("runs in the step's cwd, relative to the runbook directory, defaulting to the runbook directory", async () => {
    mkdirSync(join(dir.path, 'scripts'));
    const inScripts = await runStep(makeStep({ code: 'pwd\n', options: { cwd: 'scripts' } }), { runbookDir: dir.path });
    assert.equal(inScripts.stdout, `${join(dir.path, 'scripts')}\n`);
    const fromRunbookDefault = await runStep(makeStep({ code: 'pwd\n' }), { runbookDir: dir.path, cwd: 'scripts' });
    assert.equal(fromRunbookDefault.stdout, `${join(dir.path, 'scripts')}\n`);
    const missing = await runStep(makeStep({ code: 'pwd\n', options: { cwd: 'nope' } }), { runbookDir: dir.path });
    assert.equal(missing.failed, true);
    assert.match(missing.message, /working directory does not exist: .*nope/);
  });

  it('leaves errexit off unless the runbook asks for it', async () => {
    const code = 'false\necho "still running"\n';
    assert.equal((await runStep(makeStep({ code }))).stdout, 'still running\n');
    const byOption = await runStep(makeStep({ code }), { errexit: true });
    assert.equal(byOption.stdout, '');
    assert.equal(byOption.exitCode, 1);
    assert.equal(byOption.command, 'bash -e step.sh');
    assert.equal((await runStep(makeStep({ code, attributes: { errexit: 'true' } }))).stdout, '');
    assert.equal((await runStep(makeStep({ code, attributes: { errexit: 'false' } }), { errexit: true })).stdout, 'still running\n');
  });

  it('hands the code over as a private file that is removed after the run', async () => {
    const result = await runStep(makeStep({ code: 'stat -c "%a" "$0"\nstat -c "%a" "$(dirname "$0")"\necho "$0"\n' }));
    const [fileMode, dirMode, path] = result.stdout.trim().split('\n');
    assert.equal(fileMode, '600');
    assert.equal(dirMode, '700');
    assert.ok(path?.startsWith(join(scriptParentDirectory(), 'runbook-step-')), path);
    assert.equal(existsSync(path ?? ''), false);
  });

  it('streams output as events between started and finished', async () => {
    const events: StepEvent[] = [];
    const result = await runStep(makeStep({ code: 'echo one\nsleep 0.2\necho two >&2\n' }), { onEvent: (event) => events.push(event) });
    assert.deepEqual(
      events.map((event) => event.type),
      ['started', 'stdout', 'stderr', 'finished'],
    );
    const [started, out, err, finished] = events;
    assert.equal(started?.type === 'started' && started.pid, result.pid);
    assert.equal(out?.type === 'stdout' && out.chunk, 'one\n');
    assert.equal(err?.type === 'stderr' && err.chunk, 'two\n');
    assert.ok(out?.type === 'stdout' && typeof out.time === 'number');
    assert.equal(finished?.type === 'finished' && finished.result, result);
  });

  it('cancels the run and rejects with what onEvent threw', async () => {
    const marker = join(dir.path, 'after');
    const step = makeStep({ code: `echo first\nsleep 5\ntouch "${marker}"\n` });
    await assert.rejects(
      runStep(step, {
        onEvent: (event) => {
          if (event.type === 'stdout') throw new Error('display broke');
        },
      }),
      /display broke/,
    );
    assert.equal(existsSync(marker), false);
  });

  it('throws on misuse of options, naming the option', async () => {
    const step = makeStep({ code: 'echo\n' });
    await assert.rejects(runStep(step, { bufferHead: -1 }), /option 'bufferHead'/);
    await assert.rejects(runStep(step, { timeout: Number.NaN }), /option 'timeout'/);
    await assert.rejects(runStep(step, { killSignal: 'SIGNOPE' as NodeJS.Signals }), /option 'killSignal'/);
    await assert.rejects(runStep(step, { secrets: 'hunter22' as unknown as string[] }), /option 'secrets'/);
    await assert.rejects(runStep(step, { variables: { X: 1 as unknown as string } }), /option 'variables' has a number for 'X'/);
  });

  it('makes its private directory again if something removed it', async () => {
    const first = await runStep(makeStep({ code: 'dirname "$0"\n' }));
    rmSync(first.stdout.trim(), { recursive: true, force: true });
    const second = await runStep(makeStep({ code: 'dirname "$0"\n' }));
    assert.equal(second.exitCode, 0, second.message);
    assert.notEqual(second.stdout, first.stdout);
  });

  it('removes private directories left by processes that were killed', async () => {
    const dead = spawnSync('true').pid;
    const orphan = join(scriptParentDirectory(), `runbook-step-${dead}-left`);
    mkdirSync(orphan, { recursive: true });
    writeFileSync(join(orphan, '1-step.sh'), 'echo\n');
    const child = fileURLToPath(new URL('run-one-step.ts', import.meta.url));
    await execFileAsync(process.execPath, ['--import', 'tsx', '--conditions=source', child, 'true\n']);
    assert.equal(existsSync(orphan), false);
  });

  it('keeps its private directory only while the process lives', async () => {
    const child = fileURLToPath(new URL('run-one-step.ts', import.meta.url));
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', '--conditions=source', child, 'dirname "$0"\n']);
    const directory = stdout.trim();
    assert.ok(directory.startsWith(join(scriptParentDirectory(), 'runbook-step-')), directory);
    assert.equal(existsSync(directory), false);
  });
});
