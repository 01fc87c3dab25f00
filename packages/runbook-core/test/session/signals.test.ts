import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { cleanEnv, journal, startIncident } from '../cli/cli-harness.ts';
import { cliProcessArgs } from './cli-process.ts';
import { useTempDir } from './session-fixtures.ts';
import { until } from '../wait-until.ts';

const nodeArgs = cliProcessArgs;
const fence = '```';

/** A step whose shell starts a child and waits: a tree of two processes, their pids written down. */
const sleeper = (ignoreTerm: boolean) =>
  [
    `${fence}bash {name=sleeper}`,
    ...(ignoreTerm ? ["trap '' TERM"] : []),
    'sleep 300 &',
    'echo $! > "$WORK/child.pid"',
    'echo $$ > "$WORK/shell.pid"',
    'wait',
    fence,
    '',
  ].join('\n');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pidIn(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8').trim();
  return text === '' ? undefined : Number(text);
}

describe('runbook run: stop signals end the step tree and journal it interrupted', () => {
  const workspace = useTempDir('runbook-signals-');

  const cases: Array<{ signals: NodeJS.Signals[]; ignoreTerm: boolean; recorded: string }> = [
    { signals: ['SIGINT'], ignoreTerm: false, recorded: 'Ctrl-C' },
    { signals: ['SIGTERM'], ignoreTerm: false, recorded: 'SIGTERM' },
    { signals: ['SIGHUP'], ignoreTerm: false, recorded: 'SIGHUP' },
    // The step ignores SIGTERM: the second Ctrl-C kills it without waiting for the grace period.
    { signals: ['SIGINT', 'SIGINT'], ignoreTerm: true, recorded: 'Ctrl-C' },
  ];
  for (const { signals, ignoreTerm, recorded } of cases) {
    it(`${signals.join(' then ')}${ignoreTerm ? ' (the step ignores SIGTERM)' : ''}: exit 130, no process of the step left, journal says interrupted`, async () => {
      writeFileSync(join(workspace.dir, 'sleeper.md'), sleeper(ignoreTerm));
      const id = await startIncident(workspace.dir);
      const child = spawn(process.execPath, [...nodeArgs, 'run', 'sleeper.md', '--step', 'sleeper', '--yes'], {
        cwd: workspace.dir,
        env: cleanEnv(workspace.dir, { WORK: workspace.dir }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const shell = await until(() => pidIn(join(workspace.dir, 'shell.pid')));
      const sleep = await until(() => pidIn(join(workspace.dir, 'child.pid')));
      assert.ok(alive(shell) && alive(sleep));
      for (const signal of signals) {
        child.kill(signal);
        await delay(100);
      }
      assert.equal(await exited, 130, stderr);
      await until(() => (alive(shell) || alive(sleep) ? undefined : true));
      const finished = journal(workspace.dir, id).filter((event) => event.type === 'step-finished');
      assert.equal(finished.length, 1);
      assert.equal(finished[0]!.canceled, true);
      assert.equal(finished[0]!.interrupted, recorded);
      assert.match(stderr, new RegExp(`sleeper was interrupted \\(${recorded}\\)`));
    });
  }

  it('a CLI killed with SIGKILL leaves "started", read back as interrupted', async () => {
    writeFileSync(join(workspace.dir, 'sleeper.md'), sleeper(false));
    const id = await startIncident(workspace.dir);
    const child = spawn(process.execPath, [...nodeArgs, 'run', 'sleeper.md', '--step', 'sleeper', '--yes'], {
      cwd: workspace.dir,
      env: cleanEnv(workspace.dir, { WORK: workspace.dir }),
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const sleep = await until(() => pidIn(join(workspace.dir, 'child.pid')));
    child.kill('SIGKILL');
    await exited;
    const { loadIncident } = await import('../../src/incident/index.ts');
    const state = await loadIncident(id, { workspace: workspace.dir });
    assert.equal(state.steps.get(journal(workspace.dir, id).find((event) => event.type === 'step-started')!.stepId as string)?.status, 'failed');
    assert.match([...state.steps.values()][0]?.interrupted ?? '', /ended without recording the end/);
    // What a SIGKILL leaves behind is beyond any handler: end it here.
    process.kill(sleep, 'SIGKILL');
  });
});
