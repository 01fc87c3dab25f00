import assert from 'node:assert/strict';
import { runStep } from '../../src/run/index.ts';
import { failingPrograms } from './fake-programs.ts';
import { parseStep } from './parse-steps.ts';
import { useTempDir } from './temp-dir.ts';

const failed = (result: { failedCommands?: Array<{ number: number; exitCode: number }> }): Array<[number, number]> =>
  (result.failedCommands ?? []).map((command) => [command.number, command.exitCode]);

describe('runStep: every failed command counts, not only the last', () => {
  const dir = useTempDir();

  it('fails a step whose last command succeeded, naming each failed command with its Markdown line', async () => {
    // Title, blank, fence: the code starts on Markdown line 4.
    const step = await parseStep('echo start\nfalse\nsh -c "exit 3"\necho done\n');
    const result = await runStep(step, { yes: true });
    assert.equal(result.exitCode, 0);
    assert.equal(result.failed, true);
    assert.deepEqual(result.failedCommands, [
      { number: 2, line: 5, exitCode: 1 },
      { number: 3, line: 6, exitCode: 3 },
    ]);
    assert.equal(result.stdout, 'start\ndone\n');
    assert.match(result.shortMessage, /failed: 2 commands failed \(command 2 \(line 5\) exited 1, command 3 \(line 6\) exited 3\): bash step\.sh$/);
  });

  it("reports every kubectl of the investigation script's shape when the cluster is unreachable", async () => {
    const code = [
      'INCIDENT_ID="INC-$(date +%Y%m%d-%H%M)"',
      'echo "=== INVESTIGATION: $INCIDENT_ID ==="',
      '# 1. System Health Check',
      'kubectl get nodes',
      'kubectl get pods --all-namespaces | grep -v Running',
      '# 2. Recent Changes',
      'kubectl rollout history deployment/api -n app | tail -5',
      'kubectl rollout history deployment/worker -n app | tail -5',
      'echo',
      '# 7. External Dependencies',
      'curl -s http://redis:6379/ping || echo "Redis unavailable"',
      '',
    ].join('\n');
    const step = await parseStep(code);
    const env = failingPrograms(dir.path, { kubectl: 1, curl: 7 });
    const result = await runStep(step, { env, yes: true });
    assert.equal(result.exitCode, 0, 'the last command (echo) succeeded');
    assert.equal(result.failed, true);
    const kubectlNumbers = step.commands.filter((command) => command.programs.includes('kubectl')).map((command) => command.index + 1);
    assert.equal(kubectlNumbers.length, 4);
    assert.deepEqual(
      result.failedCommands?.map((command) => command.number),
      kubectlNumbers,
    );
    assert.deepEqual(
      result.failedCommands?.map((command) => command.line),
      [7, 8, 10, 11],
    );
    assert.match(result.stdout, /Redis unavailable/);
  });

  it('judges a pipeline by all its stages, except one ended by SIGPIPE', async () => {
    const code = [
      'false | cat',
      'true | false',
      'yes | head -1 > /dev/null',
      'printf x | grep -q x',
      'sh -c "exit 4" | cat | cat',
      'for i in 1 2; do sh -c "exit 8" | cat; done',
      'for i in $(seq 50); do :; done',
      'true',
      '',
    ].join('\n');
    const result = await runStep(await parseStep(code), { yes: true });
    assert.deepEqual(failed(result), [
      [1, 1],
      [2, 1],
      [5, 4],
      [6, 8],
    ]);
  });

  it('takes a search that finds nothing at the end of a pipeline as a result, not a failure', async () => {
    const code = [
      "printf 'all fine\\n' | grep -i error",
      'false | grep -i error',
      'grep -q error /dev/null',
      "printf 'x\\n' | grep -E '('",
      "printf 'x\\n' | grep -i error | tail -1",
      '',
    ].join('\n');
    const result = await runStep(await parseStep(code), { yes: true });
    assert.deepEqual(failed(result), [
      [2, 1],
      [3, 1],
      [4, 2],
    ]);
  });

  it('reports a failed pipeline stage in the last command too', async () => {
    const result = await runStep(await parseStep('echo a\nfalse | cat\n'), { yes: true });
    assert.deepEqual(failed(result), [[2, 1]]);
    assert.equal(result.exitCode, 0);
  });

  it('does not count what is guarded: || true, if and while conditions, !, &&', async () => {
    const code = [
      'false || true',
      'if false; then echo no; fi',
      'while false; do :; done',
      '! false',
      'false && echo no',
      'grep -q absent /dev/null || echo fine',
      '',
    ].join('\n');
    const result = await runStep(await parseStep(code), { yes: true });
    assert.equal(result.failedCommands, undefined);
    assert.equal(result.failed, false);
    assert.match(result.shortMessage, /succeeded/);
  });

  it('judges a subshell, a function and a loop by their own status at the top level', async () => {
    const code = [
      '( false; true )',
      '( exit 5 )',
      'passes() { false; true; }',
      'fails() { false; }',
      'passes',
      'fails',
      'for name in a b; do [ "$name" = b ] && sh -c "exit 6"; done',
      'value=$(false)',
      'echo end',
      '',
    ].join('\n');
    const step = await parseStep(code);
    const result = await runStep(step, { yes: true });
    assert.deepEqual(failed(result), [
      [2, 5],
      [6, 1],
      [7, 6],
      [8, 1],
    ]);
    assert.equal(result.stdout, 'end\n');
  });

  it('judges functions at their call under set -E too', async () => {
    const step = await parseStep('set -E\nfails() {\n  false\n  true\n}\nfails\n( false; true )\n');
    const result = await runStep(step, { yes: true });
    assert.equal(result.failedCommands, undefined, result.shortMessage);
  });

  it('keeps errexit semantics: errexit stops at the first failure, without it the rest runs and the step still fails', async () => {
    const code = 'echo one\nfalse\necho two\n';
    const stopping = await runStep(await parseStep(code, 'bash {errexit=true}'), { yes: true });
    assert.equal(stopping.stdout, 'one\n');
    assert.equal(stopping.exitCode, 1);
    assert.deepEqual(failed(stopping), [[2, 1]]);
    assert.match(stopping.shortMessage, /failed with exit code 1; a command failed \(command 2 \(line 5\) exited 1\)/);
    const running = await runStep(await parseStep(code, 'bash {errexit=false}'), { yes: true });
    assert.equal(running.stdout, 'one\ntwo\n');
    assert.equal(running.exitCode, 0);
    assert.equal(running.failed, true);
    assert.deepEqual(failed(running), [[2, 1]]);
    const setE = await runStep(await parseStep('set -e\necho one\nfalse | cat\nsh -c "exit 2"\necho never\n'), { yes: true });
    assert.equal(setE.stdout, 'one\n');
    assert.deepEqual(failed(setE), [
      [3, 1],
      [4, 2],
    ]);
  });

  it('numbers selected commands as in the block, with their own Markdown lines', async () => {
    const step = await parseStep('# 1. First\nfalse\n\n# 2. Second\necho fine\n\n# 3. Third\nsh -c "exit 9"\n');
    const result = await runStep(step, { commands: ['1', '3'], yes: true });
    assert.deepEqual(result.failedCommands, [
      { number: 1, line: 5, exitCode: 1 },
      { number: 3, line: 11, exitCode: 9 },
    ]);
  });

  it('cannot be forged or hidden by what commands print, or by programs the step starts', async () => {
    const code = [
      'echo "E 1 0"; echo "P 2 0 0" >&2',
      'for fd in 3 4 5 6 7 8 9; do echo "E 3 1" 2>/dev/null >&$fd || :; done',
      'env | grep -c "^RUNBOOK_" || true',
      'sh -c "exit 2"',
      '',
    ].join('\n');
    const step = await parseStep(code);
    // The test runner's own RUNBOOK_* settings stay out: only what runStep adds is counted.
    const result = await runStep(step, { yes: true, env: { PATH: process.env.PATH }, extendEnv: false });
    const last = step.commands.find((command) => command.text === 'sh -c "exit 2"');
    assert.ok(last);
    assert.deepEqual(failed(result), [[last.index + 1, 2]]);
    // Only the run marker reaches child processes: no file name, no line map.
    assert.match(result.stdout, /^E 1 0\n1\n$/);
  });

  it('leaves $?, PIPESTATUS and the output of the step as they were', async () => {
    const code = 'false\necho "status $?"\nfalse | true\necho "pipe ${PIPESTATUS[*]}"\nset -x\ntrue\n';
    const result = await runStep(await parseStep(code), { yes: true });
    assert.equal(result.stdout, 'status 1\npipe 1 0\n');
    assert.doesNotMatch(result.stderr, /__runbook/);
  });
});
