import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv } from '../cli/cli-harness.ts';
import { cliProcessArgs } from '../session/cli-process.ts';
import { until } from '../wait-until.ts';

const fence = '```';
const token = 'tok-killed-mid-step-7d3e';

const runbook = [
  '# Killed',
  '',
  `${fence}bash {name=hang}`,
  'export LEFT=$API_TOKEN',
  'echo $$ > "$WORK/shell.pid"',
  'sleep 300',
  fence,
  '',
  `${fence}bash {name=quick}`,
  'echo ok',
  fence,
  '',
].join('\n');

describe('private temporary files of a killed run', function () {
  this.timeout(0);
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-private-files-'));
    writeFileSync(join(dir, 'killed.md'), runbook);
    mkdirSync(join(dir, 'runtime'), { mode: 0o700 });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('kill -9 of the CLI mid-step leaves its step files; the next run removes them', async () => {
    // The private directory goes under XDG_RUNTIME_DIR: here, a folder of the test's own.
    const env = cleanEnv(dir, { WORK: dir, XDG_RUNTIME_DIR: join(dir, 'runtime'), API_TOKEN: token });
    const cli = spawn(process.execPath, [...cliProcessArgs, 'run', 'killed.md', '--step', 'hang', '--yes'], { cwd: dir, env, stdio: 'ignore' });
    const exited = new Promise((resolve) => cli.on('exit', resolve));
    const shell = await until(() => (existsSync(join(dir, 'shell.pid')) ? Number(readFileSync(join(dir, 'shell.pid'), 'utf8')) || undefined : undefined));
    const mine = readdirSync(join(dir, 'runtime')).filter((name) => name.startsWith(`runbook-step-${cli.pid}-`));
    assert.equal(mine.length, 1, 'the running CLI has its private directory');
    const left = join(dir, 'runtime', mine[0] as string);
    assert.ok(
      readdirSync(left).some((name) => name.endsWith('-step.sh')),
      'the step script is in it',
    );

    cli.kill('SIGKILL');
    await exited;
    // The step outlives a CLI killed with SIGKILL; end it here (the test's own cleanup).
    process.kill(-shell, 'SIGKILL');
    assert.ok(existsSync(left), 'SIGKILL gave the CLI no chance to remove its files');

    const next = spawnSync(process.execPath, [...cliProcessArgs, 'run', 'killed.md', '--step', 'quick', '--yes'], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(next.status, 0, next.stderr);
    assert.ok(!existsSync(left), 'the next run swept the dead run’s directory');
    assert.deepEqual(readdirSync(join(dir, 'runtime')), [], 'and removed its own on exit');
  });

  it('a directory whose pid is alive but belongs to another process (a reused pid) is swept too; a live run’s is kept', async () => {
    const runtime = join(dir, 'runtime');
    const stat = readFileSync(`/proc/${process.pid}/stat`, 'utf8');
    const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    const reused = join(runtime, `runbook-step-${process.pid}-t1-abcdef`);
    const live = join(runtime, `runbook-step-${process.pid}-t${started}-abcdef`);
    for (const folder of [reused, live]) {
      mkdirSync(folder);
      writeFileSync(join(folder, '1-exports'), `declare -x API_TOKEN="${token}"\n`);
    }
    const env = cleanEnv(dir, { WORK: dir, XDG_RUNTIME_DIR: runtime });
    const next = spawnSync(process.execPath, [...cliProcessArgs, 'run', 'killed.md', '--step', 'quick', '--yes'], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(next.status, 0, next.stderr);
    assert.deepEqual(readdirSync(runtime), [`runbook-step-${process.pid}-t${started}-abcdef`]);
  });
});
