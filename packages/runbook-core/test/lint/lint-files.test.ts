import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintFiles, LintConfigError } from 'runbook-core';
import { runLintJob } from '../../src/lint/files/lint-job.ts';
import { lintInPool } from '../../src/lint/files/lint-pool.ts';
import { requireShellcheck } from '../../../../test/support/system-tools.ts';

const untagged = '# Notice\n\n```\nplain text\n```\n';
const clean = '# Clean\n\n```bash\nkubectl get pods\n```\n';

describe('lintFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-lint-files-'));
    const write = (path: string, text: string) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    mkdirSync(join(dir, '.git'));
    write('.gitignore', 'generated/\n*.draft.md\n');
    write('runbooks/payments.md', untagged);
    write('runbooks/clean.markdown', clean);
    write('runbooks/notes.txt', untagged);
    write('runbooks/idea.draft.md', untagged);
    write('generated/out.md', untagged);
    write('node_modules/pkg/README.md', untagged);
    write('team/runbook.config.json', JSON.stringify({ rules: { 'fence-language': 'error' }, ignores: ['archive/**'] }));
    write('team/db.md', untagged);
    write('team/archive/old.md', untagged);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const summary = (outcome: Awaited<ReturnType<typeof lintFiles>>) =>
    outcome.results.map((result) => `${result.path}: ${result.messages.map((message) => `${message.ruleId} ${message.severity}`).join(', ')}`);

  it('walks directories for .md and .markdown, honouring .gitignore, and gives each file its nearest config', async () => {
    const outcome = await lintFiles(['.'], { cwd: dir, config: { rules: { shellcheck: 'off' } } });
    assert.deepEqual(summary(outcome), ['runbooks/clean.markdown: ', 'runbooks/payments.md: fence-language warning', 'team/db.md: fence-language error']);
    assert.deepEqual(outcome.unmatched, []);
    assert.deepEqual(outcome.failures, []);
    assert.deepEqual(outcome.notices, []);
  });

  it('expands globs, takes a named file as it is, and lists what matched nothing', async () => {
    const outcome = await lintFiles(['runbooks/*.md', 'generated/out.md', 'missing.md', 'nothing/**/*.md'], {
      cwd: dir,
      config: { rules: { shellcheck: 'off' } },
    });
    assert.deepEqual(summary(outcome), ['generated/out.md: fence-language warning', 'runbooks/payments.md: fence-language warning']);
    assert.deepEqual(outcome.unmatched, ['missing.md', 'nothing/**/*.md']);
  });

  it('skips what a config ignores, even when named', async () => {
    const outcome = await lintFiles(['team/archive/old.md', 'team'], { cwd: dir });
    assert.deepEqual(summary(outcome), ['team/db.md: fence-language error']);
  });

  it('uses an explicit config for every file, with rule overrides on top', async function () {
    requireShellcheck(this);
    writeFileSync(join(dir, 'strict.json'), JSON.stringify({ rules: { 'fence-language': 'info' } }));
    const outcome = await lintFiles(['runbooks', 'team/db.md'], {
      cwd: dir,
      configFile: 'strict.json',
      config: { rules: { 'unrendered-substitution': 'off' } },
    });
    assert.deepEqual(summary(outcome), ['runbooks/clean.markdown: ', 'runbooks/payments.md: fence-language info', 'team/db.md: fence-language info']);
  });

  it('throws LintConfigError for a broken config, naming the file', async () => {
    writeFileSync(join(dir, 'team', 'runbook.config.json'), '{"rules": {"no-such-rule": "off"}}');
    await assert.rejects(
      lintFiles(['team'], { cwd: dir }),
      (error: unknown) => error instanceof LintConfigError && error.file === join(dir, 'team', 'runbook.config.json') && error.key === 'rules.no-such-rule',
    );
  });

  it('reports a file it cannot read as a failure, never a crash', async () => {
    assert.deepEqual(await runLintJob({ file: join(dir, 'gone.md'), path: 'gone.md', config: undefined }, { cwd: dir, env: {}, fix: false }), {
      ok: false,
      path: 'gone.md',
      reason: 'cannot read: ENOENT',
    });
    symlinkSync(join(dir, 'gone.md'), join(dir, 'runbooks', 'dangling.md'));
    const outcome = await lintFiles(['runbooks/dangling.md', 'runbooks'], { cwd: dir, config: { rules: { shellcheck: 'off' } } });
    assert.deepEqual(outcome.unmatched, ['runbooks/dangling.md']);
    assert.equal(outcome.results.length, 2);
  });

  it('gives the same results on worker threads as on this one', async () => {
    for (let i = 0; i < 12; i++) writeFileSync(join(dir, 'runbooks', `copy-${i}.md`), i % 2 ? untagged : `${clean}\nChecked on $(date).\n`);
    const alone = await lintFiles(['.'], { cwd: dir, workers: 0 });
    const pooled = await lintFiles(['.'], { cwd: dir, workers: 2 });
    assert.equal(alone.results.length, 15);
    assert.deepEqual(pooled, alone);
  });

  it('says once per run that shellcheck is missing, not once per file', async () => {
    const outcome = await lintFiles(['runbooks'], { cwd: dir, env: { PATH: '' } });
    const notices = outcome.results.flatMap((result) => result.messages.filter((message) => message.ruleId === 'shellcheck'));
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.severity, 'info');
    assert.match(notices[0]!.reason, /shellcheck is not installed/);
  });

  it('returns fixed text without writing it', async () => {
    writeFileSync(join(dir, 'runbooks', 'risky.md'), '# Risky\n\n```bash\nkubectl delete pod api-0\n```\n');
    const outcome = await lintFiles(['runbooks/risky.md'], { cwd: dir, fix: true, config: { rules: { shellcheck: 'off' } } });
    assert.equal(outcome.results[0]!.fixedSource, '# Risky\n\n```bash {confirm=true}\nkubectl delete pod api-0\n```\n');
    assert.deepEqual(outcome.results[0]!.messages, []);
  });
});

describe('lintInPool', () => {
  it('returns outcomes in job order, and lets worker messages in between the files it lints itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-lint-pool-'));
    try {
      const jobs = Array.from({ length: 40 }, (_, i) => {
        writeFileSync(join(dir, `${i}.md`), `# File ${i}\n\n\`\`\`\nplain\n\`\`\`\n`);
        return { file: join(dir, `${i}.md`), path: `${i}.md`, config: { rules: { shellcheck: 'off' as const } } };
      });
      const done: Record<string, number> = { main: 0, worker: 0 };
      // Turns of the event loop, read each time this thread finishes a file: a
      // thread that never yields would starve the worker of its next file.
      let turns = 0;
      let running = true;
      const spin = () => {
        turns++;
        if (running) setImmediate(spin);
      };
      setImmediate(spin);
      const turnsAtMainFiles: number[] = [];
      const outcomes = await lintInPool(
        jobs,
        { cwd: dir, env: {}, fix: false },
        1,
        (message) => assert.fail(message),
        (_, thread) => {
          done[thread]!++;
          if (thread === 'main') turnsAtMainFiles.push(turns);
        },
      );
      running = false;
      assert.deepEqual(
        outcomes.map((outcome) => (outcome.ok ? outcome.result.path : outcome.reason)),
        jobs.map((job) => job.path),
      );
      assert.equal(done.main! + done.worker!, 40);
      const withoutTurn = turnsAtMainFiles.filter((value, index) => index > 0 && value === turnsAtMainFiles[index - 1]);
      assert.deepEqual(withoutTurn, [], 'the event loop turns between files on this thread');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
