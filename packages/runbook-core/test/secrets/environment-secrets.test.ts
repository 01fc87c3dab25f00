import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { incidentFiles, runCli, startIncident } from '../cli/cli-harness.ts';

const fence = '```';
const runbook = [
  '# Environment',
  '',
  `${fence}bash {name=connect}`,
  'echo "db: $DATABASE_URL"',
  'echo "pat: $GITHUB_PAT hook: $SLACK_WEBHOOK" >&2',
  'export DB_COPY=$DATABASE_URL',
  fence,
  '',
].join('\n');

const env = {
  DATABASE_URL: 'postgres://app:correct-horse-battery@db.internal:5432/app',
  GITHUB_PAT: 'github_pat_11AAAAAAA0123456789',
  SLACK_WEBHOOK: 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX',
};

describe('secrets from the environment, undeclared', function () {
  this.timeout(0);
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-env-secrets-'));
    writeFileSync(join(dir, 'env.md'), runbook);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('masks a URL password, a *_PAT and a *_WEBHOOK in the output, the log and the journal; the URL itself stays readable', async () => {
    const id = await startIncident(dir);
    const result = await runCli(['run', 'env.md', '--step', 'connect', '--yes'], { cwd: dir, env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'db: postgres://app:***@db.internal:5432/app\n');
    assert.match(result.stderr, /pat: \*\*\* hook: \*\*\*\n/);
    const stored = incidentFiles(dir, id);
    for (const value of ['correct-horse-battery', env.GITHUB_PAT, env.SLACK_WEBHOOK]) {
      assert.ok(!`${result.stdout}${result.stderr}${stored}`.includes(value), value);
    }
    assert.match(stored, /"name":"DB_COPY","secret":true/);
  });

  it('the plan shows DATABASE_URL with its password masked', async () => {
    const result = await runCli(['plan', 'env.md', '--step', 'connect'], { cwd: dir, env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /DATABASE_URL=postgres:\/\/app:\*\*\*@db\.internal:5432\/app/);
    assert.ok(!result.stdout.includes('correct-horse-battery') && !result.stdout.includes(env.GITHUB_PAT));
  });
});
