import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, journal, runCli, startIncident } from '../cli/cli-harness.ts';
import { cliProcessArgs } from './cli-process.ts';
import { useTempDir } from './session-fixtures.ts';

const fence = '```';
const big = [`${fence}bash {name=big}`, "head -c 300000 /dev/zero | tr '\\0' 'x'", 'echo', 'echo done', fence, ''].join('\n');

/** `runbook …` as a process under `ulimit -f` (1 KiB blocks), with SIGXFSZ ignored so that writes past it fail with EFBIG. */
function runUnderFileSizeLimit(blocks: number, argv: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('bash', ['-c', `trap '' XFSZ; ulimit -f ${blocks}; exec "$0" "$@"`, process.execPath, ...cliProcessArgs, ...argv], {
    cwd,
    env: cleanEnv(cwd),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('runbook run: a log that cannot be written in full', () => {
  const workspace = useTempDir('runbook-efbig-');

  it('fails the step with one line naming the log file, and the journal says so and still verifies', async () => {
    writeFileSync(join(workspace.dir, 'big.md'), big);
    const id = await startIncident(workspace.dir);

    const run = await runUnderFileSizeLimit(64, ['run', 'big.md', '--step', 'big', '--yes'], workspace.dir);

    assert.equal(run.code, 1, run.stderr);
    assert.ok(run.stdout.endsWith('xxx\ndone\n'), 'the output still reached the terminal');
    const line = run.stderr.split('\n').find((text) => text.includes('is incomplete'));
    assert.ok(line, run.stderr);
    assert.match(line, new RegExp(`✗ Step "big" succeeded, but its log file \\S*/incidents/${id}/logs/\\S+\\.log is incomplete \\(EFBIG`));
    const finished = journal(workspace.dir, id).filter((event) => event.type === 'step-finished');
    assert.equal(finished.length, 1);
    assert.match(String(finished[0]?.logIncomplete), /EFBIG/);
    const verified = await runCli(['incident', 'verify', id], { cwd: workspace.dir });
    assert.equal(verified.code, 0, verified.stderr + verified.stdout);
  });
});
