import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { skipWhenToolMissing } from '../support/system-tools.ts';
import { provideBinaries } from './test-cluster.ts';
import { until } from './world.ts';

const orphan = new URL('./orphaned-cluster.ts', import.meta.url).pathname;

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the test cluster', () => {
  it('stops etcd and kube-apiserver and removes its temp dir when the test process is killed with SIGKILL', async function () {
    this.timeout(0);
    await skipWhenToolMissing(this, provideBinaries);
    const child = spawn(process.execPath, ['--import', 'tsx', orphan], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string | undefined>((resolve) => {
      lines.once('line', resolve);
      void exited.then(() => resolve(undefined));
    });
    assert.ok(first, `the cluster did not start: ${stderr}`);
    const { dir, processGroups } = JSON.parse(first) as { dir: string; processGroups: number[] };
    assert.equal(processGroups.length, 2);
    assert.ok(processGroups.every(groupAlive));
    assert.ok(existsSync(dir));

    child.kill('SIGKILL');
    await exited;
    await until(() => !processGroups.some(groupAlive) && !existsSync(dir), 100);
  });
});
