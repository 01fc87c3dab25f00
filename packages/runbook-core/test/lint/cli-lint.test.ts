import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/cli-harness.ts';

const risky = '# Risky\n\n```bash\nkubectl delete pod api-0 -n payments\n```\n';
const warnOnly = '# Notice\n\n```\nplain text\n```\n';
const clean = '# Clean\n\n```bash\nkubectl get pods -n payments\n```\n';

describe('runbook lint (in-process)', () => {
  let dir: string;
  const cli = (...argv: string[]) => runCli(['lint', ...argv], { cwd: dir });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-lint-cli-'));
    writeFileSync(join(dir, 'risky.md'), risky);
    writeFileSync(join(dir, 'notice.md'), warnOnly);
    writeFileSync(join(dir, 'clean.md'), clean);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on a clean file and says so', async () => {
    const result = await cli('clean.md', '--no-shellcheck');
    assert.deepEqual(result, { code: 0, stdout: 'No problems in 1 file.\n', stderr: '' });
  });

  it('exits 0 with warnings only, and 1 when they are more than --max-warnings', async () => {
    const warned = await cli('notice.md', '--no-shellcheck');
    assert.equal(warned.code, 0);
    assert.match(
      warned.stdout,
      /^notice\.md:3:1 warning Fenced code block has no language.* fence-language\n\n1 problem \(0 errors, 1 warning\) in 1 of 1 file\.\n$/,
    );
    const strict = await cli('notice.md', '--no-shellcheck', '--max-warnings', '0');
    assert.equal(strict.code, 1);
    assert.equal(strict.stderr, 'runbook lint: 1 warnings, more than --max-warnings 0\n');
  });

  it('exits 1 on an error; --quiet shows errors only', async () => {
    const result = await cli('.', '--no-shellcheck', '--quiet');
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      /^risky\.md:4:1 error Step destroys or replaces things \(kubectl delete\).* unconfirmed-destructive\n\n1 problem \(1 error, 0 warnings\) in 1 of 3 files; 1 fixable with --fix\.\n$/,
    );
  });

  it('prints the records as JSON, SARIF and GitHub annotations', async () => {
    const json = JSON.parse((await cli('risky.md', '--no-shellcheck', '--format', 'json')).stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      json.map((record) => [record.path, record.ruleId, record.severity]),
      [['risky.md', 'unconfirmed-destructive', 'error']],
    );
    const sarif = JSON.parse((await cli('risky.md', '--no-shellcheck', '--format', 'sarif')).stdout);
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'risky.md');
    assert.match(sarif.runs[0].tool.driver.version, /^\d+\.\d+\.\d+/);
    const github = await cli('risky.md', '--no-shellcheck', '--format', 'github');
    assert.match(github.stdout, /^::error file=risky\.md,line=4,col=1,endLine=4,endColumn=37,title=unconfirmed-destructive::Step destroys/);
    assert.equal(github.code, 1);
  });

  it('--fix rewrites only the bytes of the fixes, and reports what is left', async () => {
    const result = await cli('risky.md', 'notice.md', '--no-shellcheck', '--fix');
    assert.equal(readFileSync(join(dir, 'risky.md'), 'utf8'), risky.replace('```bash', '```bash {confirm=true}'));
    assert.equal(readFileSync(join(dir, 'notice.md'), 'utf8'), warnOnly);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /1 problem \(0 errors, 1 warning\) in 1 of 2 files\./);
  });

  it("reads standard input for '-', with the config found from the working directory", async () => {
    writeFileSync(join(dir, 'runbook.config.json'), JSON.stringify({ rules: { 'fence-language': 'error' } }));
    const result = await runCli(['lint', '-', '--no-shellcheck'], { cwd: dir, input: warnOnly });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^-:3:1 error Fenced code block has no language/);
  });

  it('exits 2 with a clear message for bad usage, a missing path or a broken config', async () => {
    const badFormat = await cli('--format', 'xml');
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be one of text, json, sarif, github, not 'xml'/);
    const badCount = await cli('--max-warnings', 'many');
    assert.equal(badCount.code, 2);
    assert.match(badCount.stderr, /--max-warnings must be a whole number, not 'many'/);
    const missing = await cli('nope.md', 'clean.md', '--no-shellcheck');
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, "runbook lint: no Markdown file matches 'nope.md'\n");
    assert.match(missing.stdout, /No problems in 1 file/);
    writeFileSync(join(dir, 'runbook.config.json'), JSON.stringify({ rules: { 'fence-language': 'loud' } }));
    const config = await cli('clean.md');
    assert.equal(config.code, 2);
    assert.equal(
      config.stderr,
      `runbook lint: config error: ${join(dir, 'runbook.config.json')}: rules.fence-language: severity must be off, info, warn or error, got 'loud'\n`,
    );
    const stdinFix = await cli('-', '--fix');
    assert.equal(stdinFix.code, 2);
    assert.match(stdinFix.stderr, /--fix cannot write back to standard input/);
  });

  it('lints the current directory when given no path', async () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'more.md'), clean);
    const result = await cli('--no-shellcheck', '--format', 'json');
    const paths = new Set((JSON.parse(result.stdout) as Array<{ path: string }>).map((record) => record.path));
    assert.deepEqual([...paths].sort(), ['notice.md', 'risky.md']);
    assert.equal(result.code, 1);
  });
});
