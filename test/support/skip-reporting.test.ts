import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, corpusFiles, materialSetting, requireMaterial, userRunbookPath } from './external-material.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const skipModule = fileURLToPath(new URL('./skip-with-reason.ts', import.meta.url));

/** Runs mocha, as the test command does, on one spec file; returns its output and status. */
function runMocha(dir: string, spec: string, env: Record<string, string> = {}): { output: string; status: number | null } {
  const file = join(dir, 'probe.test.mts');
  writeFileSync(file, spec);
  const result = spawnSync(join(root, 'node_modules', '.bin', 'mocha'), ['--config', join(root, '.mocharc.json'), file], {
    cwd: root,
    encoding: 'utf8',
    // Not the counts file of a test command running this test.
    env: { ...process.env, RUNBOOK_TEST_COUNTS: '', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
  });
  return { output: `${result.stdout}${result.stderr}`, status: result.status };
}

describe('skipped tests: reasons and the closing line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-skip-reporting-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints each skipped test with its reason, counts skips per reason, and ends with N passed, N failed, N skipped', function () {
    this.timeout(120_000);
    const spec = `
import { skipWithReason } from ${JSON.stringify(skipModule)};
describe('outer', () => {
  it('passes', () => {});
  it('skips itself', function () { skipWithReason(this, 'no widget here'); });
  describe('needs a cluster', () => {
    before(function () { skipWithReason(this, 'no cluster here'); });
    it('first', () => { throw new Error('must not run'); });
    it('second', () => { throw new Error('must not run'); });
  });
  it.skip('skipped by hand', () => {});
});
`;
    const { output, status } = runMocha(dir, spec);
    assert.equal(status, 0, output);
    assert.match(output, /^ {4}- skips itself \(skipped: no widget here\)$/m);
    assert.match(output, /^ {6}- first \(skipped: no cluster here\)$/m);
    assert.match(output, /^ {6}- second \(skipped: no cluster here\)$/m);
    assert.match(output, /^1 skipped: no widget here$/m);
    assert.match(output, /^2 skipped: no cluster here$/m);
    assert.match(output, /^1 skipped: skipped without a reason given$/m);
    assert.equal(output.trimEnd().split('\n').at(-1), '1 passed, 0 failed, 4 skipped');
  });

  it('leaves out the skipped count when nothing was skipped, and counts failures', function () {
    this.timeout(120_000);
    const { output, status } = runMocha(dir, "it('passes', () => {});\nit('fails', () => { throw new Error('no'); });\n");
    assert.notEqual(status, 0);
    assert.equal(output.trimEnd().split('\n').at(-1), '1 passed, 1 failed');
  });

  it('writes the counts to RUNBOOK_TEST_COUNTS instead of the closing line, for the test command to add up', function () {
    this.timeout(120_000);
    const counts = join(dir, 'counts.json');
    const spec = `import { skipWithReason } from ${JSON.stringify(skipModule)};\nit('a', () => {});\nit('b', function () { skipWithReason(this, 'why'); });\n`;
    const { output } = runMocha(dir, spec, { RUNBOOK_TEST_COUNTS: counts });
    assert.deepEqual(JSON.parse(readFileSync(counts, 'utf8')), { passed: 1, failed: 0, skipped: 1 });
    assert.doesNotMatch(output, /passed, \d+ failed/);
  });
});

describe(`${materialSetting}`, () => {
  let dir: string;
  let saved: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-material-'));
    saved = process.env[materialSetting];
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[materialSetting];
    else process.env[materialSetting] = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the corpus and the user runbook in the folder it names', () => {
    mkdirSync(join(dir, 'corpus', 'team'), { recursive: true });
    mkdirSync(join(dir, 'seeds'));
    writeFileSync(join(dir, 'corpus', 'team', 'b.md'), '# B\n');
    writeFileSync(join(dir, 'corpus', 'a.md'), '# A\n');
    writeFileSync(join(dir, 'corpus', 'notes.txt'), 'not a runbook\n');
    writeFileSync(join(dir, 'seeds', '000_15d2150e85d89317.txt'), '# Runbook\n');
    process.env[materialSetting] = dir;
    assert.equal(corpusDir(), join(dir, 'corpus'));
    assert.deepEqual(corpusFiles(), ['a.md', join('team', 'b.md')]);
    assert.equal(userRunbookPath(), join(dir, 'seeds', '000_15d2150e85d89317.txt'));
  });

  it('fails, naming the folder, when it is set but the material is not there: CI must not skip silently', function () {
    process.env[materialSetting] = dir;
    assert.equal(corpusDir(), undefined);
    assert.deepEqual(corpusFiles(), []);
    assert.throws(
      () => requireMaterial(this, corpusDir(), 'corpus'),
      new RegExp(`${materialSetting} is set to ${dir}, but ${join(dir, 'corpus')} does not exist`),
    );
    assert.throws(() => requireMaterial(this, userRunbookPath(), 'user runbook'), /seeds\/000_15d2150e85d89317\.txt does not exist/);
  });
});
