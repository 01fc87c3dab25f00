import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { cleanEnv, startIncident } from '../cli/cli-harness.ts';
import { until } from '../wait-until.ts';
import { cliProcessArgs } from './cli-process.ts';
import { useTempDir } from './session-fixtures.ts';

/** The bound docs/output-limits.md documents for the CLI run from its sources while its stdout is not read. */
const rssBoundBytes = 150 * 1024 * 1024;
/** What the CLI may read from a step (its log) while nobody reads it: its pipes and stream buffers, not the step's whole output. */
const readBoundBytes = 4 * 1024 * 1024;

const fence = '```';
const flood = [
  `${fence}bash {name=flood}`,
  'echo $$ > "$WORK/flood.pid"',
  "exec yes 'a line of output, printed as fast as the machine can, forever'",
  fence,
  '',
].join('\n');

function residentBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runbook run: a terminal that stops reading pauses the step', () => {
  const workspace = useTempDir('runbook-stalled-');
  let cli: ChildProcess | undefined;
  let floodPid: number | undefined;

  afterEach(() => {
    // Whatever the test's outcome: no CLI, no step left running.
    if (cli?.exitCode === null) cli.kill('SIGKILL');
    if (floodPid !== undefined && alive(floodPid)) process.kill(floodPid, 'SIGKILL');
    cli = undefined;
    floodPid = undefined;
  });

  it(`keeps the CLI under ${rssBoundBytes / 1024 / 1024} MB resident while its stdout pipe is not read`, async function () {
    if (!existsSync('/proc/self/status')) this.skip();
    writeFileSync(join(workspace.dir, 'flood.md'), flood);
    const id = await startIncident(workspace.dir);
    const child = spawn(process.execPath, [...cliProcessArgs, 'run', 'flood.md', '--step', 'flood', '--yes'], {
      cwd: workspace.dir,
      env: cleanEnv(workspace.dir, { WORK: workspace.dir }),
      // stdout is a pipe this test never reads until the end: a stalled terminal.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cli = child;
    child.stdout?.pause();
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const pidFile = join(workspace.dir, 'flood.pid');
    floodPid = await until(() => (existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '' ? Number(readFileSync(pidFile, 'utf8')) : undefined));
    const logs = join(workspace.dir, '.runbook', 'incidents', id, 'logs');

    // Samples after the step has been writing for a while: unpaced, the CLI grew by about 50 MB a second.
    await delay(2000);
    const samples: number[] = [];
    for (let sample = 0; sample < 6; sample++) {
      samples.push(residentBytes(child.pid as number) ?? 0);
      await delay(500);
    }
    const logged = readdirSync(logs).reduce((total, name) => total + statSync(join(logs, name)).size, 0);

    assert.ok(
      samples.every((rss) => rss > 0),
      `the CLI was running throughout: ${stderr}`,
    );
    const peak = Math.max(...samples);
    assert.ok(
      peak < rssBoundBytes,
      `resident memory ${samples.map((rss) => Math.round(rss / 1024 / 1024)).join(', ')} MB, bound ${rssBoundBytes / 1024 / 1024} MB`,
    );
    assert.ok(logged < readBoundBytes, `${logged} bytes of output read while the terminal did not read`);

    // Stop it: the step's tree ends, and once its stdout is read again the CLI exits.
    child.kill('SIGTERM');
    child.stdout?.resume();
    assert.equal(await exited, 130, stderr);
    const step = floodPid;
    await until(() => (alive(step) ? undefined : true));
  });
});
