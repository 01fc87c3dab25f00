// `runbook lint` over the whole corpus against markdownlint-cli2 with its
// default config on the same files: whole processes, wall time, interleaved,
// medians of RUNS each. Target (issue 4): default rules without shellcheck
// ≤ 0.5× markdownlint-cli2 (by default a worker starts only for an idle
// core). Also shown: one and two threads forced, and shellcheck on,
// and each process's CPU time (user + system, all its threads, from
// /usr/bin/time): on a shared machine wall time swings with other work.
// Run from the repository root, after `node packages/runbook-core/build.mjs`:
//   node --import tsx --conditions=source bench/lint.bench.ts [runs]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireCorpus } from './corpus.ts';
import { median } from './measure.ts';

const RUNS = Number(process.argv[2] ?? 7);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = 'packages/runbook-core/bin/runbook.js';
if (!existsSync(new URL('../packages/runbook-core/dist/cli.js', import.meta.url))) {
  console.error('build first: node packages/runbook-core/build.mjs');
  process.exit(1);
}

const corpus = relative(root, requireCorpus('runbook lint against markdownlint-cli2 on the corpus'));
const candidates: Record<string, string[]> = {
  'markdownlint-cli2': ['node_modules/.bin/markdownlint-cli2', `${corpus}/**/*.md`],
  'runbook lint --no-shellcheck': [process.execPath, bin, 'lint', corpus, '--no-shellcheck'],
  '  … one thread (--threads 0)': [process.execPath, bin, 'lint', corpus, '--no-shellcheck', '--threads', '0'],
  '  … two threads (--threads 1)': [process.execPath, bin, 'lint', corpus, '--no-shellcheck', '--threads', '1'],
  'runbook lint (shellcheck on)': [process.execPath, bin, 'lint', corpus],
};

const timer = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall and CPU milliseconds of one whole process; both tools exit 1 when they find problems. */
function once(name: string, command: string[]): { wall: number; cpu: number } {
  const [program, ...args] = timer ? [timer, '-f', '%U %S', ...command] : command;
  const started = performance.now();
  const result = spawnSync(program!, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${name} exited ${result.status}: ${String(result.stderr).slice(0, 500)}`);
  const times = /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(String(result.stderr));
  return { wall, cpu: times ? (Number(times[1]) + Number(times[2])) * 1000 : Number.NaN };
}

const walls: Record<string, number[]> = {};
const cpus: Record<string, number[]> = {};
for (const [name, command] of Object.entries(candidates)) once(name, command);
for (let run = 0; run < RUNS; run++) {
  for (const [name, command] of Object.entries(candidates)) {
    const { wall, cpu } = once(name, command);
    (walls[name] ??= []).push(wall);
    (cpus[name] ??= []).push(cpu);
  }
}

const baseline = median(walls['markdownlint-cli2'] ?? []);
const cpuBaseline = median(cpus['markdownlint-cli2'] ?? []);
console.log(`lint ${corpus}, whole processes, medians of ${RUNS} interleaved runs (Node ${process.version})`);
console.log(`${''.padEnd(30)} ${'wall'.padStart(10)}          ${'CPU'.padStart(10)}`);
for (const [name, values] of Object.entries(walls)) {
  const wall = median(values);
  const cpu = median(cpus[name] ?? []);
  console.log(
    `${name.padEnd(30)} ${wall.toFixed(0).padStart(7)} ms  ×${(wall / baseline).toFixed(2)}   ${cpu.toFixed(0).padStart(7)} ms  ×${(cpu / cpuBaseline).toFixed(2)}`,
  );
}
console.log(
  `ratio runbook lint (default rules, no shellcheck) / markdownlint-cli2, wall: ${(median(walls['runbook lint --no-shellcheck'] ?? []) / baseline).toFixed(2)}× (target ≤ 0.5×)`,
);
