// CLI cold start as whole processes: `runbook --version` and `runbook list`
// of the user's runbook against `node -e 0`, interleaved, medians of RUNS each.
// Target (issue 3): both within 2× of `node -e 0`. For reference, also
// `runbook run` of one read-only step of the demo (no incident), and the same
// step's code run by bash directly.
// Run from the repository root, after `node packages/runbook-core/build.mjs`:
//   node --import tsx bench/cli-start.bench.ts [runs]
// RUNBOOK_BIN=<path to bin/runbook.js> measures another build;
// RUNBOOK_BEFORE_BIN=<path> also runs the demo step with an older build, in the same rounds.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingMaterial, userRunbookPath } from '../test/support/external-material.ts';
import { median } from './measure.ts';

const RUNS = Number(process.argv[2] ?? 25);
const bin = process.env.RUNBOOK_BIN ?? fileURLToPath(new URL('../packages/runbook-core/bin/runbook.js', import.meta.url));
const seed = userRunbookPath();
if (!existsSync(new URL('../packages/runbook-core/dist/cli.js', import.meta.url))) {
  console.error('build first: node packages/runbook-core/build.mjs');
  process.exit(1);
}

// The run goes in a scratch folder, so nothing lands in the repository.
const workspace = mkdtempSync(join(tmpdir(), 'cli-start-bench-'));
copyFileSync(fileURLToPath(new URL('../runbooks/demo-disk-pressure.md', import.meta.url)), join(workspace, 'demo.md'));
const diskUsage = "df -P -k | awk 'NR > 1 { print $5, $6 }' | sort -rn | head -5";

const candidates: Record<string, [string, string[]]> = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'runbook --version': [process.execPath, [bin, '--version']],
  // Without the user's runbook that figure is not measured, and the line below says so.
  ...(seed === undefined ? {} : { 'runbook list <seed>': [process.execPath, [bin, 'list', seed]] as [string, string[]] }),
  'runbook run demo disk-usage': [process.execPath, [bin, 'run', 'demo.md', '--step', 'disk-usage']],
  'bash (the same step)': ['bash', ['-c', diskUsage]],
  ...(process.env.RUNBOOK_BEFORE_BIN === undefined
    ? {}
    : { 'before: run demo disk-usage': [process.execPath, [process.env.RUNBOOK_BEFORE_BIN, 'run', 'demo.md', '--step', 'disk-usage']] as [string, string[]] }),
};

function once([program, args]: [string, string[]]): number {
  const started = performance.now();
  const env = { ...process.env, NO_COLOR: '1', RUNBOOK_WORKSPACE: workspace };
  const result = spawnSync(program, args, { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'], env });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} exited ${result.status}: ${String(result.stderr)}`);
  return elapsed;
}

const samples: Record<string, number[]> = {};
for (const args of Object.values(candidates)) once(args);
for (let run = 0; run < RUNS; run++) {
  for (const [name, args] of Object.entries(candidates)) (samples[name] ??= []).push(once(args));
}

rmSync(workspace, { recursive: true, force: true });

const baseline = median(samples['node -e 0'] ?? []);
console.log(`CLI cold start, whole processes, medians of ${RUNS} interleaved runs (Node ${process.version})`);
if (seed === undefined) console.log(`runbook list <seed>: not measured, ${missingMaterial('user runbook')}`);
for (const [name, values] of Object.entries(samples)) {
  const middle = median(values);
  console.log(`${name.padEnd(28)} ${middle.toFixed(1).padStart(8)} ms  ×${(middle / baseline).toFixed(2)}`);
}
