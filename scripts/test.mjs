// The one test command: the system tools the tests meet for real
// (scripts/test-prerequisites.mjs), the type-check, Biome's lint and format
// check, then every test in one mocha run under c8 (coverage of
// packages/*/src, reports in coverage/). The last line printed is always
// `N passed, N failed` (`, N skipped` when some were), the type-check and
// Biome counted as one check each; the exit status is 1 when anything failed.
// Arguments replace the default specs: `node scripts/test.mjs test/cli`
// (the slow tool setups are then left to the tests that need them).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const specs = ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'];
const args = process.argv.slice(2);
const bin = (name) => join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
let skipped = 0;

/** A static check counted as one test: quiet when it passes, its output shown when it fails. */
function check(label, command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status === 0) {
    passed++;
    console.log(`  ✔ ${label}`);
  } else {
    failed++;
    console.log(`  ✗ ${label} failed (exit ${result.status ?? result.signal}):`);
    process.stdout.write(`${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `${result.error.message}\n` : ''}`);
  }
}

if (args.length === 0) spawnSync(process.execPath, [join(root, 'scripts', 'test-prerequisites.mjs')], { cwd: root, stdio: 'inherit' });

check('type-check (tsc -p tsconfig.json --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('lint and format (biome check .)', bin('biome'), ['check', '--colors=off', '.']);

// The reporter writes its counts here rather than a closing line, so this script's line comes last.
const scratch = mkdtempSync(join(tmpdir(), 'runbook-test-counts-'));
const countsFile = join(scratch, 'counts.json');
// V8 coverage of every Node process the tests start goes here; some run as
// another user (the read-only file tests), so anyone may write to it.
const rawCoverage = join(scratch, 'v8-coverage');
mkdirSync(rawCoverage);
chmodSync(scratch, 0o755);
chmodSync(rawCoverage, 0o1777);
const coverage = [
  `--temp-directory=${rawCoverage}`,
  '--no-clean',
  '--reports-dir=coverage',
  '--reporter=text-summary',
  '--reporter=json-summary',
  '--include=packages/*/src/**',
];
spawnSync(bin('c8'), [...coverage, bin('mocha'), ...(args.length > 0 ? args : specs)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, RUNBOOK_TEST_COUNTS: countsFile },
});
try {
  const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
} catch {
  console.log('mocha stopped before its run ended (see its output above): counted as one failure');
  failed++;
}
rmSync(scratch, { recursive: true, force: true });

try {
  const { total } = JSON.parse(readFileSync(join(root, 'coverage', 'coverage-summary.json'), 'utf8'));
  console.log(`coverage of packages/*/src: ${total.lines.pct}% of lines, ${total.branches.pct}% of branches (report: coverage/)`);
} catch {
  console.log('coverage: no summary was written');
}

console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
