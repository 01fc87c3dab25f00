import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintFiles } from 'runbook-core';
import { findRunbookFiles } from '../../src/cli/find-runbook-files.ts';

// A pull request may add any of these; linting it must neither hang nor read them.
describe('lint: hostile trees', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-hostile-tree-'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'real.md'), '# Real\n\n```bash\nkubectl get pods\n```\n');
    symlinkSync('/dev/zero', join(dir, 'docs', 'zero.md'));
    symlinkSync('..', join(dir, 'docs', 'loop'));
    symlinkSync('nowhere.md', join(dir, 'docs', 'dangling.md'));
    execFileSync('mkfifo', [join(dir, 'docs', 'pipe.md')]);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lints the real file once and says what it skipped and why', async () => {
    const result = await lintFiles(['docs'], { cwd: dir, env: { PATH: '' } });
    assert.deepEqual(
      result.results.map((file) => file.path),
      ['docs/real.md'],
    );
    assert.deepEqual(result.failures, []);
    assert.ok(
      result.notices.some((notice) => /^skipped docs\/zero\.md: not a regular file: a character device/.test(notice)),
      result.notices.join('\n'),
    );
    assert.ok(
      result.notices.some((notice) => /^skipped docs\/loop\/.*real\.md: the same file as docs\/real\.md/.test(notice)),
      result.notices.join('\n'),
    );
  });

  it('skips a device named on the command line instead of reading it', async () => {
    const result = await lintFiles(['docs/zero.md', 'docs/pipe.md'], { cwd: dir, env: { PATH: '' } });
    assert.deepEqual(result.results, []);
    assert.deepEqual(result.unmatched, []);
    assert.equal(result.notices.filter((notice) => /not a regular file/.test(notice)).length, 2, result.notices.join('\n'));
  });

  it('refuses a device given to list, with a usage error', async () => {
    await assert.rejects(findRunbookFiles(['docs/zero.md'], dir), /not a runbook: docs\/zero\.md is a character device/);
    assert.deepEqual(
      (await findRunbookFiles(['docs'], dir)).map((file) => file.slice(dir.length + 1)),
      ['docs/real.md'],
    );
  });
});
