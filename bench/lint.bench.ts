// `runbook lint` over the whole corpus against markdownlint-cli2 with its
// default config on the same files: whole processes, wall time, interleaved,
// medians of RUNS each. Target (issue 4): default rules without shellcheck
// ≤ 0.5× markdownlint-cli2. Also shown: one thread only, and shellcheck on.
// Run from the repository root, after `node packages/runbook-core/build.mjs`:
//   node --import tsx --conditions=source bench/lint.bench.ts [runs]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median } from './measure.ts';

const RUNS = Number(process.argv[2] ?? 7);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = 'packages/runbook-core/bin/runbook.js';
if (!existsSync(new URL('../packages/runbook-core/dist/cli.js', import.meta.url))) {
  console.error('build first: node packages/runbook-core/build.mjs');
  process.exit(1);
}

const candidates: Record<string, string[]> = {
  'markdownlint-cli2': ['node_modules/.bin/markdownlint-cli2', '../shared/corpus/**/*.md'],
  'runbook lint --no-shellcheck': [process.execPath, bin, 'lint', '../shared/corpus', '--no-shellcheck'],
  '  … on one thread': [process.execPath, bin, 'lint', '../shared/corpus', '--no-shellcheck', '--threads', '0'],
  'runbook lint (shellcheck on)': [process.execPath, bin, 'lint', '../shared/corpus'],
};

/** Wall milliseconds of one whole process; both tools exit 1 when they find problems. */
function once(name: string, [command, ...args]: string[]): number {
  const started = performance.now();
  const result = spawnSync(command!, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${name} exited ${result.status}: ${String(result.stderr).slice(0, 500)}`);
  return elapsed;
}

const samples: Record<string, number[]> = {};
for (const [name, command] of Object.entries(candidates)) once(name, command);
for (let run = 0; run < RUNS; run++) {
  for (const [name, command] of Object.entries(candidates)) (samples[name] ??= []).push(once(name, command));
}

const baseline = median(samples['markdownlint-cli2'] ?? []);
console.log(`lint ../shared/corpus, whole processes, wall time, medians of ${RUNS} interleaved runs (Node ${process.version})`);
for (const [name, values] of Object.entries(samples)) {
  const middle = median(values);
  console.log(`${name.padEnd(30)} ${middle.toFixed(0).padStart(7)} ms  ×${(middle / baseline).toFixed(2)}`);
}
console.log(`ratio runbook lint (default rules, no shellcheck) / markdownlint-cli2: ${(median(samples['runbook lint --no-shellcheck'] ?? []) / baseline).toFixed(2)}× (target ≤ 0.5×)`);
