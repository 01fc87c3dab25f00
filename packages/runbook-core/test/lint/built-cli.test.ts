import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const corePackage = new URL('../../', import.meta.url).pathname;
// Inside the repository (in its git-ignored .cache/), so the build finds esbuild in the workspace.
const buildRoot = new URL('../../../../.cache/', import.meta.url).pathname;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The bundle exactly as shipped, built by the package's own build.mjs into a
 * copy of the package (parallel test runs never share dist/), run as a process.
 */
describe('runbook lint (built bundle, real process)', () => {
  let folder: string;
  let work: string;
  const lint = async (args: string[], input?: string): Promise<Outcome> => {
    const child = run(process.execPath, [join(folder, 'bin', 'runbook.js'), 'lint', ...args], { cwd: work, env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    if (input !== undefined) child.child.stdin?.end(input);
    try {
      const { stdout, stderr } = await child;
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  before(async () => {
    mkdirSync(buildRoot, { recursive: true });
    folder = mkdtempSync(join(buildRoot, 'runbook-core-build-'));
    for (const entry of ['bin', 'build.mjs', 'package.json']) cpSync(join(corePackage, entry), join(folder, entry), { recursive: true });
    symlinkSync(join(corePackage, 'src'), join(folder, 'src'));
    symlinkSync(join(corePackage, 'node_modules'), join(folder, 'node_modules'));
    await run(process.execPath, [join(folder, 'build.mjs')]);
    work = mkdtempSync(join(tmpdir(), 'runbook-lint-bin-'));
    mkdirSync(join(work, 'runbooks'));
    // Enough files that the pool starts its worker thread.
    for (let i = 0; i < 40; i++) {
      writeFileSync(join(work, 'runbooks', `step-${String(i).padStart(2, '0')}.md`), i % 2 ? `# Step ${i}\n\n\`\`\`bash\nkubectl delete pod api-${i}\n\`\`\`\n` : `# Step ${i}\n\nAll good.\n`);
    }
  });
  after(() => {
    rmSync(folder, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('lints many files on a worker thread and prints JSON records', async () => {
    const result = await lint(['runbooks', '--format', 'json', '--no-shellcheck', '--threads', '1']);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stderr, '', 'the worker started and finished');
    const records = JSON.parse(result.stdout) as Array<{ path: string; ruleId: string }>;
    assert.equal(records.length, 20);
    assert.deepEqual(new Set(records.map((record) => record.ruleId)), new Set(['unconfirmed-destructive']));
    assert.equal(records[0]!.path, 'runbooks/step-01.md');
  });

  it('gives the same output with and without the worker', async () => {
    const pooled = await lint(['runbooks', '--no-shellcheck', '--threads', '1']);
    const alone = await lint(['runbooks', '--no-shellcheck', '--threads', '0']);
    assert.equal(pooled.stdout, alone.stdout);
    assert.match(alone.stdout, /20 problems \(20 errors, 0 warnings\) in 20 of 40 files; 20 fixable with --fix\.\n$/);
  });

  it('reads standard input and exits 2 on a missing path', async () => {
    const stdin = await lint(['-', '--no-shellcheck'], '# Notice\n\n```\nplain\n```\n');
    assert.equal(stdin.code, 0);
    assert.match(stdin.stdout, /^-:3:1 warning Fenced code block has no language/);
    const missing = await lint(['missing.md']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, "runbook lint: no Markdown file matches 'missing.md'\n");
  });
});
