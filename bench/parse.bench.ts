// Full parse of the corpus: parseRunbook against bare remark-parse on the same files.
// Run from the repository root: node --import tsx --conditions=source bench/parse.bench.ts
import { parseRunbook } from '../packages/runbook-core/src/parse/index.ts';
import { analyzeShell, loadShellGrammar } from '../packages/runbook-core/src/shell/index.ts';
import { bareRemarkParser } from './bare-remark.ts';
import { readCorpus } from './corpus.ts';
import { median, measure, printRows } from './measure.ts';

const RUNS = 15;

await loadShellGrammar();
const files = readCorpus();
const bytes = files.reduce((total, file) => total + Buffer.byteLength(file.text), 0);
const bare = await bareRemarkParser();
// The shell blocks parseRunbook analyses, to show how much of its cost is tree-sitter-bash analysis.
const shellCode = files.flatMap((file) =>
  parseRunbook(file.text)
    .steps.filter((step) => step.isShell)
    .map((step) => step.code),
);

const candidates = {
  'remark-parse (bare)': () => {
    for (const file of files) bare.parse(file.text);
  },
  parseRunbook: () => {
    for (const file of files) parseRunbook(file.text, { path: file.path });
  },
  'analyzeShell (its share)': () => {
    for (const code of shellCode) analyzeShell(code);
  },
};

// Interleaved runs, so drift on a noisy machine hits both alike; each run parses from scratch.
const samples = await measure(candidates, RUNS);
const baseline = median(samples['remark-parse (bare)'] ?? []);
const ours = median(samples.parseRunbook ?? []);
console.log(`corpus: ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB; median of ${RUNS} runs each`);
printRows(samples, baseline, bytes);
const shell = median(samples['analyzeShell (its share)'] ?? []);
// Each run of parseRunbook against the bare run just before it, so load on the machine cancels out.
const pairedRatios = (samples.parseRunbook ?? []).map((value, index) => value / (samples['remark-parse (bare)']?.[index] ?? value));
console.log(
  `ratio parseRunbook / remark-parse: ${(ours / baseline).toFixed(3)}× of medians, ${median(pairedRatios).toFixed(3)}× median of paired runs (target ≤ 1.25×)`,
);
console.log(
  `of which shell analysis (${shellCode.length} blocks): ${(shell / baseline).toFixed(3)}×; the rest of parseRunbook: ${((ours - shell) / baseline).toFixed(3)}×`,
);
