// runStep of a one-line step (`echo ok`) against a bare execa call of the same
// script, runs alternating, medians; the target is at most 1.3×.
// Run from the repository root: node --import tsx --conditions=source bench/run-step.bench.ts
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseRunbook, runStep } from '../packages/runbook-core/src/index.ts';
import { median } from './measure.ts';

const RUNS = 60;

// execa is a dev dependency of runbook-core, not of the root: resolve it from there.
const requireFromCore = createRequire(new URL('../packages/runbook-core/package.json', import.meta.url));
const { execa } = (await import(pathToFileURL(requireFromCore.resolve('execa')).href)) as {
  execa: (file: string, args: string[]) => Promise<unknown>;
};

const dir = mkdtempSync(join(tmpdir(), 'run-step-bench-'));
const script = join(dir, 'step.sh');
writeFileSync(script, 'echo ok\n');
const [step] = parseRunbook('# Bench\n\n```bash {name=echo}\necho ok\n```\n').steps;
if (!step) throw new Error('the bench runbook has no step');

// A busier step: 12 top-level commands, pipelines among them, and a loop of
// 500 simple commands, where the failure-reporting traps run before each one.
const busyCode = [
  ...Array.from({ length: 10 }, (_, index) => `printf '%s\\n' ${index} | cat > /dev/null`),
  'for i in $(seq 500); do : "$i"; done',
  'echo ok',
  '',
].join('\n');
const busyScript = join(dir, 'busy.sh');
writeFileSync(busyScript, busyCode);
const [busyStep] = parseRunbook(`# Bench\n\n\`\`\`bash {name=busy}\n${busyCode}\`\`\`\n`).steps;
if (!busyStep) throw new Error('the bench runbook has no busy step');

const benchSecrets = ['ghp_0123456789abcdefghijABCDEFGHIJ012345', 'postgres-password-42', 'xoxb-1234-5678-abcdefghijkl'];

const candidates: Record<string, () => Promise<unknown>> = {
  "execa('bash', [file])": () => execa('bash', [script]),
  "execa('bash', [busy file])": () => execa('bash', [busyScript]),
  'runStep(busy step)': async () => {
    const result = await runStep(busyStep, { runbookDir: dir });
    if (result.stdout !== 'ok\n' || result.failed) throw new Error(`unexpected result: ${result.message}`);
  },
  'runStep(echo ok)': async () => {
    const result = await runStep(step, { runbookDir: dir });
    if (result.stdout !== 'ok\n') throw new Error(`unexpected output: ${result.message}`);
  },
  // The same step with secrets to redact: one stream redactor over both streams, and each secret's encodings.
  'runStep(echo ok, 3 secrets)': async () => {
    const result = await runStep(step, { runbookDir: dir, secrets: benchSecrets });
    if (result.stdout !== 'ok\n') throw new Error(`unexpected output: ${result.message}`);
  },
  "spawn('bash', [file]) (floor)": () => new Promise((resolve) => spawn('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'] }).on('close', resolve)),
};

for (const run of Object.values(candidates)) await run();
const samples: Record<string, number[]> = {};
for (let index = 0; index < RUNS; index++) {
  for (const [name, run] of Object.entries(candidates)) {
    const started = performance.now();
    await run();
    (samples[name] ??= []).push(performance.now() - started);
  }
}
rmSync(dir, { recursive: true, force: true });

const baseline = median(samples["execa('bash', [file])"] ?? []);
console.log(`runStep vs execa, ${RUNS} alternating runs each, medians`);
for (const [name, values] of Object.entries(samples)) {
  const middle = median(values);
  console.log(`${name.padEnd(32)} ${middle.toFixed(2).padStart(8)} ms  ×${(middle / baseline).toFixed(3)}`);
}
const ratio = median(samples['runStep(echo ok)'] ?? []) / baseline;
// Under a noisy load the medians drift apart; the ratio within each alternating pair drifts less.
const pairRatios = (samples['runStep(echo ok)'] ?? []).map((value, index) => value / (samples["execa('bash', [file])"]?.[index] ?? value));
console.log(`runStep / execa: ×${ratio.toFixed(3)} of medians, ×${median(pairRatios).toFixed(3)} median of pairs (target ≤ 1.3)`);
const redacted = median(samples['runStep(echo ok, 3 secrets)'] ?? []) / baseline;
console.log(`runStep with the stream redactor / execa: ×${redacted.toFixed(3)} of medians (target ≤ 1.3)`);
const busyRatio = median(samples['runStep(busy step)'] ?? []) / median(samples["execa('bash', [busy file])"] ?? []);
console.log(`runStep / execa on the busy step: ×${busyRatio.toFixed(3)} of medians`);
