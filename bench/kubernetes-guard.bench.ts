// The context guard over every step of the project's SmartCloudOps runbook,
// against two baselines in the same run: reading and parsing the kubeconfig
// once per step (the least any guard must do), and asking kubectl for the
// current context once per step (what a shell-side guard would do).
// Run from the repository root: node --import tsx --conditions=source bench/kubernetes-guard.bench.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { checkStepContext, parseRunbook } from '../packages/runbook-core/src/index.ts';
import { median } from './measure.ts';

const ROUNDS = 15;
// The same YAML parser the library uses, from the library's dependencies.
const { parse } = (await import(createRequire(new URL('../packages/runbook-core/package.json', import.meta.url)).resolve('yaml'))) as {
  parse(text: string): unknown;
};
const source = readFileSync(new URL('../runbooks/smartcloudops-incident-response.md', import.meta.url), 'utf8');
const runbook = parseRunbook(source, { path: 'runbooks/smartcloudops-incident-response.md' });
const dir = mkdtempSync(join(tmpdir(), 'guard-bench-'));
const kubeconfig = join(dir, 'config');
writeFileSync(
  kubeconfig,
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'smartcloudops-prod',
    clusters: [{ name: 'prod', cluster: { server: 'https://10.0.0.1:6443' } }],
    users: [{ name: 'me', user: { token: 'x' } }],
    contexts: ['smartcloudops-prod', 'smartcloudops-staging', 'dev'].map((name) => ({
      name,
      context: { cluster: 'prod', user: 'me', namespace: 'smartcloudops' },
    })),
  }),
);
const env = { KUBECONFIG: kubeconfig, HOME: dir, PATH: process.env.PATH };
const steps = runbook.steps;

const candidates: Record<string, () => Promise<unknown>> = {
  'read+parse kubeconfig/step': async () => {
    for (const _ of steps) parse(readFileSync(kubeconfig, 'utf8'));
  },
  'checkStepContext/step': async () => {
    for (const step of steps) await checkStepContext(step, { meta: runbook.meta, env });
  },
};
let kubectl: string | undefined;
try {
  kubectl = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim() || undefined;
} catch {
  kubectl = undefined;
}
if (kubectl) {
  candidates['kubectl current-context/step'] = async () => {
    for (const _ of steps) execFileSync(kubectl!, ['config', 'current-context'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  };
}

const verdicts = await Promise.all(steps.map((step) => checkStepContext(step, { meta: runbook.meta, env })));
const allowed = verdicts.filter((verdict) => verdict.code === 'allowed').length;

// Wall time: the guard waits on file reads, kubectl on a process; both are what a user waits for.
const samples: Record<string, number[]> = {};
for (let round = -3; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(candidates)) {
    const started = performance.now();
    await run();
    if (round >= 0) (samples[name] ??= []).push(performance.now() - started);
  }
}
rmSync(dir, { recursive: true, force: true });

console.log(`context guard: ${steps.length} steps of the SmartCloudOps runbook (${allowed} cluster steps allowed), median of ${ROUNDS} rounds, wall time`);
const baseline = median(samples['read+parse kubeconfig/step']!);
for (const [name, values] of Object.entries(samples)) {
  const middle = median(values);
  console.log(
    `${name.padEnd(30)} ${middle.toFixed(2).padStart(9)} ms  ${(middle / steps.length).toFixed(3).padStart(8)} ms/step  ×${(middle / baseline).toFixed(2)}`,
  );
}
