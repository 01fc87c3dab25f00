// Shell analysis over every shell block of the corpus, against bare
// tree-sitter parsing of the same blocks with the same parser, in one run.
// Run: node --import tsx bench/shell-analysis.bench.ts  (from the repo root)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeShell, isShellLanguage, loadShellGrammar } from '../packages/runbook-core/src/shell/index.ts';
import { shellParser } from '../packages/runbook-core/src/shell/grammar.ts';
import { requireCorpus } from './corpus.ts';

const corpus = requireCorpus('shell analysis of the corpus');
const rounds = 15;

function markdownFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(md|markdown)$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Shell blocks by a plain fence scan: ``` or ~~~ with a shell language, closed by the same fence. */
function shellBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let fence: string | undefined;
  let lines: string[] = [];
  let isShell = false;
  for (const line of markdown.split('\n')) {
    const trimmed = line.trimStart();
    if (fence === undefined) {
      const open = /^(`{3,}|~{3,})\s*([^\s{`]*)/.exec(trimmed);
      if (open) {
        fence = open[1]!;
        isShell = isShellLanguage(open[2] ?? '');
        lines = [];
      }
    } else if (trimmed.startsWith(fence) && trimmed.slice(fence.length).trim() === '') {
      if (isShell) blocks.push(`${lines.join('\n')}\n`);
      fence = undefined;
    } else {
      lines.push(line);
    }
  }
  return blocks;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

await loadShellGrammar();
const blocks = markdownFiles(corpus).flatMap((file) => shellBlocks(readFileSync(file, 'utf8')));
const kilobytes = blocks.reduce((sum, code) => sum + code.length, 0) / 1024;
const parser = shellParser();

const bare = (): void => {
  for (const code of blocks) parser.parse(code)?.delete();
};
const analysed = (): void => {
  for (const code of blocks) analyzeShell(code);
};
bare();
analysed();

const bareTimes: number[] = [];
const analysedTimes: number[] = [];
for (let round = 0; round < rounds; round++) {
  // Alternate the order so drift on a busy machine hits both sides alike.
  for (const [run, times] of round % 2 === 0
    ? ([
        [bare, bareTimes],
        [analysed, analysedTimes],
      ] as const)
    : ([
        [analysed, analysedTimes],
        [bare, bareTimes],
      ] as const)) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
}

// On a busy machine the fastest round is the best estimate of the cost; the median shows the spread.
const report = (label: string, times: number[]): void => {
  const fastest = Math.min(...times);
  console.log(
    `${label} fastest ${fastest.toFixed(1)} ms (${(fastest / kilobytes).toFixed(3)} ms/KB), median ${median(times).toFixed(1)} ms, of ${rounds} rounds`,
  );
};
console.log(`shell blocks: ${blocks.length} (${kilobytes.toFixed(0)} KB) from the corpus`);
report('bare parser.parse():', bareTimes);
report('analyzeShell():     ', analysedTimes);
console.log(
  `ratio analyzeShell / bare parse: fastest ${(Math.min(...analysedTimes) / Math.min(...bareTimes)).toFixed(2)}×, median ${(median(analysedTimes) / median(bareTimes)).toFixed(2)}×`,
);
