import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, runCli } from '../cli/cli-harness.ts';
import { cliProcessArgs } from '../session/cli-process.ts';
import { until } from '../wait-until.ts';

const fence = '```';
const token = 'tok-4f1c9a7e2b6d8035';

const runbook = [
  '# Values',
  '',
  `${fence}bash {name=show}`,
  'echo "token=$API_TOKEN region=$REGION"',
  'printf %s "$API_TOKEN" | base64',
  'printf %s "$API_TOKEN" | wc -c',
  fence,
  '',
  `${fence}bash {name=wait}`,
  'echo $$ > "$WORK/shell.pid"',
  'while [ ! -e "$WORK/go" ]; do sleep 0.05; done',
  fence,
  '',
].join('\n');

/** The command lines of a process and of every process in the step's group, NUL separators kept. */
function commandLines(pids: readonly number[]): string {
  return pids.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8')).join('\n');
}

function groupMembers(group: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === group;
      } catch {
        return false;
      }
    });
}

describe('runbook run: secrets without argv', function () {
  this.timeout(0);
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-var-sources-'));
    writeFileSync(join(dir, 'values.md'), runbook);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const privateFile = (text: string, mode = 0o600): string => {
    const file = join(dir, 'secrets.env');
    writeFileSync(file, text);
    chmodSync(file, mode);
    return file;
  };

  it('--var-file: NAME=value lines reach the step, secrets redacted, no warning', async () => {
    privateFile(`# for the status API\nexport API_TOKEN="${token}"\n\nREGION=eu-west-1\r\n`);
    const result = await runCli(['run', 'values.md', '--step', 'show', '--yes', '--var-file', 'secrets.env'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^token=\*\*\* region=eu-west-1\n\*\*\*.*\n20\n$/);
    assert.ok(!result.stdout.includes(token) && !result.stdout.includes(Buffer.from(token).toString('base64')));
    assert.doesNotMatch(result.stderr, /warning/);
  });

  it('--var-file readable or writable by others is refused (exit 2) before anything runs', async () => {
    for (const mode of [0o644, 0o620, 0o604]) {
      privateFile(`API_TOKEN=${token}\n`, mode);
      const result = await runCli(['run', 'values.md', '--step', 'show', '--yes', '--var-file', 'secrets.env'], { cwd: dir });
      assert.equal(result.code, 2, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(`--var-file secrets.env: (readable|writable) by other users \\(mode ${mode.toString(8)}\\); make it private first: chmod 600 secrets.env`),
      );
      assert.equal(result.stdout, '');
    }
  });

  it('--var-file: a line that is no assignment is an error with its line, and the value is not echoed', async () => {
    privateFile(`REGION=eu\n${token}\n`);
    const result = await runCli(['run', 'values.md', '--step', 'show', '--yes', '--var-file', 'secrets.env'], { cwd: dir });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--var-file secrets.env:2:1: expected NAME=value with a shell variable name, got 'a line without ='/);
    assert.ok(!result.stderr.includes(token));
    const missing = await runCli(['run', 'values.md', '--step', 'show', '--yes', '--var-file', 'nowhere.env'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--var-file nowhere.env: cannot read it \(ENOENT\)/);
  });

  it('--var-stdin NAME: the value is what stdin holds, less one newline; --var overrides it', async () => {
    const result = await runCli(['run', 'values.md', '--step', 'show', '--yes', '--var-stdin', 'API_TOKEN', '--var', 'REGION=us'], {
      cwd: dir,
      input: `${token}\n`,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^token=\*\*\* region=us\n\*\*\*.*\n20\n$/);
    const empty = await runCli(['run', 'values.md', '--step', 'show', '--yes', '--var-stdin', 'API_TOKEN'], { cwd: dir, input: '' });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /--var-stdin API_TOKEN: stdin was empty/);
    const badName = await runCli(['run', 'values.md', '--var-stdin', 'API-TOKEN'], { cwd: dir });
    assert.equal(badName.code, 2);
    assert.match(badName.stderr, /--var-stdin needs a shell variable name, got 'API-TOKEN'/);
  });

  it('--var with a secret warns, naming the safer ways; --var with a plain value does not', async () => {
    const result = await runCli(['run', 'values.md', '--step', 'show', '--yes', '--var', `API_TOKEN=${token}`, '--var', 'REGION=eu'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('warning'));
    assert.deepEqual(warnings, [
      'runbook run: warning: --var API_TOKEN=… puts a secret on the command line, where every local user can read it (ps) while the run lasts; give it in the environment (API_TOKEN=… runbook run …), with --var-file <private file>, with --var-stdin API_TOKEN, or at the prompt',
    ]);
  });

  it('a run given its secret with --var-file has it in no command line: not the CLI, not the step (control: --var has it)', async () => {
    privateFile(`API_TOKEN=${token}\n`);
    const seen: Record<string, boolean> = {};
    for (const how of [
      ['--var-file', 'secrets.env'],
      ['--var', `API_TOKEN=${token}`],
    ]) {
      rmSync(join(dir, 'shell.pid'), { force: true });
      rmSync(join(dir, 'go'), { force: true });
      const child = spawn(process.execPath, [...cliProcessArgs, 'run', 'values.md', '--step', 'wait', '--yes', ...how], {
        cwd: dir,
        env: cleanEnv(dir, { WORK: dir }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      const shell = await until(() => (existsSync(join(dir, 'shell.pid')) ? Number(readFileSync(join(dir, 'shell.pid'), 'utf8')) || undefined : undefined));
      const lines = commandLines([child.pid as number, ...groupMembers(shell)]);
      assert.match(lines, /values\.md/, 'the CLI command line was read');
      seen[how[0] as string] = lines.includes(token);
      writeFileSync(join(dir, 'go'), '');
      assert.equal(await exited, 0, stderr);
    }
    assert.deepEqual(seen, { '--var-file': false, '--var': true });
  });
});
