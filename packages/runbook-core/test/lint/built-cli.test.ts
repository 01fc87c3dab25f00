import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';

const run = promisify(execFile);
const corePackage = new URL('../../', import.meta.url).pathname;
const repoRoot = new URL('../../../../', import.meta.url).pathname;
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
    await run(process.execPath, [join(folder, 'build.mjs'), '--no-types']);
    work = mkdtempSync(join(tmpdir(), 'runbook-lint-bin-'));
    mkdirSync(join(work, 'runbooks'));
    // Enough files that the pool starts its worker thread.
    for (let i = 0; i < 40; i++) {
      writeFileSync(
        join(work, 'runbooks', `step-${String(i).padStart(2, '0')}.md`),
        i % 2 ? `# Step ${i}\n\n\`\`\`bash\nkubectl delete pod api-${i}\n\`\`\`\n` : `# Step ${i}\n\nAll good.\n`,
      );
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

  it("runs the GitHub Action's own script: inputs through the environment, annotations out", async () => {
    const action = parseYaml(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
      runs: { using: string; steps: Array<{ shell: string; run: string; env: Record<string, string> }> };
      inputs: Record<string, { default: string }>;
    };
    assert.equal(action.runs.using, 'composite');
    const [step] = action.runs.steps;
    assert.equal(step!.shell, 'bash');
    assert.doesNotMatch(step!.run, /\$\{\{/, 'no input is pasted into the script');
    // The repository installs runbook-core itself: the script uses that bin.
    mkdirSync(join(work, 'node_modules', '.bin'), { recursive: true });
    chmodSync(join(folder, 'bin', 'runbook.js'), 0o755);
    symlinkSync(join(folder, 'bin', 'runbook.js'), join(work, 'node_modules', '.bin', 'runbook'));
    const env = {
      PATH: process.env.PATH,
      RUNBOOK_PATHS: 'runbooks/step-01.md runbooks/step-02.md',
      RUNBOOK_CONFIG: '',
      RUNBOOK_MAX_WARNINGS: '',
      RUNBOOK_SHELLCHECK: 'false',
      RUNBOOK_VERSION: action.inputs.version!.default,
    };
    const failed = await run('bash', ['-c', step!.run], { cwd: work, env }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /^::error file=runbooks\/step-01\.md,line=4,col=1,endLine=4,endColumn=\d+,title=unconfirmed-destructive::Step destroys/);
    const passed = await run('bash', ['-c', step!.run], { cwd: work, env: { ...env, RUNBOOK_PATHS: 'runbooks/step-02.md' } });
    assert.match(passed.stdout, /No problems in 1 file\./);
  });

  it('offers a pre-commit hook that runs `runbook lint` on the staged Markdown files', async () => {
    const [hook] = parseYaml(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{
      id: string;
      entry: string;
      language: string;
      types: string[];
      additional_dependencies: string[];
    }>;
    assert.equal(hook!.id, 'runbook-lint');
    assert.deepEqual(hook!.types, ['markdown']);
    const version = (JSON.parse(readFileSync(join(corePackage, 'package.json'), 'utf8')) as { version: string }).version;
    assert.deepEqual(hook!.additional_dependencies, [`runbook-core@${version}`]);
    const [command, ...args] = hook!.entry.split(' ');
    assert.equal(command, 'runbook');
    const result = await lint([...args.slice(1), 'runbooks/step-01.md', 'runbooks/step-03.md', '--no-shellcheck']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /2 problems \(2 errors, 0 warnings\) in 2 of 2 files/);
  });
});
