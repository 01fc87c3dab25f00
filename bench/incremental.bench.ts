// Editor updates on a 1 MB runbook built from corpus files: RunbookDocument.update
// after a one-line edit near the middle, against a full parseRunbook of the edited text.
// Run from the repository root: node --import tsx --conditions=source bench/incremental.bench.ts
import { isDeepStrictEqual } from 'node:util';
import { parseRunbook, RunbookDocument, type TextEdit } from '../packages/runbook-core/src/parse/index.ts';
import { loadShellGrammar } from '../packages/runbook-core/src/shell/index.ts';
import { bareRemarkParser } from './bare-remark.ts';
import { readCorpus } from './corpus.ts';
import { cpuMilliseconds, median } from './measure.ts';

const SIZE = 1_000_000;
const RUNS = 9;

await loadShellGrammar();
const source = buildRunbook(SIZE);
const middle = source.length >> 1;

// Three one-line edits near the middle: prose, a new checklist line, a command in a shell block.
const edits: Record<string, TextEdit> = {
  'type a word into prose': wordInProse(),
  'add a checklist line': lineAt(middle, '- [ ] Confirm the alert has cleared\n'),
  'change a shell command': commandInShellBlock(),
};

console.log(`runbook: ${(source.length / 1e6).toFixed(2)} MB from corpus files; median of ${RUNS} runs; CPU time`);
const fullSamples: number[] = [];
const results: Array<[string, number, boolean]> = [];
for (const [name, edit] of Object.entries(edits)) {
  const edited = source.slice(0, edit.start) + edit.text + source.slice(edit.end);
  const undo: TextEdit = { start: edit.start, end: edit.start + edit.text.length, text: source.slice(edit.start, edit.end) };
  const document = new RunbookDocument(source);
  // Warm up, and check the incremental model against a full parse once.
  document.update([edit]);
  const identical = isDeepStrictEqual(document.runbook, parseRunbook(edited));
  document.update([undo]);
  const updates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    updates.push(cpuMilliseconds(() => document.update([edit])));
    updates.push(cpuMilliseconds(() => document.update([undo])));
    fullSamples.push(cpuMilliseconds(() => parseRunbook(edited)));
  }
  results.push([name, median(updates), identical]);
}
const full = median(fullSamples);
// For scale: what remark-parse alone takes on the same text (a large document costs micromark more than linear time).
const bare = await bareRemarkParser();
const bareSamples = Array.from({ length: RUNS }, () => cpuMilliseconds(() => bare.parse(source)));
console.log(`${'remark-parse (bare) of the same text'.padEnd(40)} ${median(bareSamples).toFixed(2).padStart(9)} ms`);
console.log(`${'full parseRunbook of the edited text'.padEnd(40)} ${full.toFixed(2).padStart(9)} ms`);
for (const [name, update, identical] of results) {
  console.log(
    `${`update: ${name}`.padEnd(40)} ${update.toFixed(2).padStart(9)} ms  ${(full / update).toFixed(1)}× faster  identical to a full parse: ${identical ? 'yes' : 'NO'}`,
  );
}
console.log(`ratio full parse / slowest update: ${(full / Math.max(...results.map(([, update]) => update))).toFixed(1)}× (target ≥ 30×)`);

function buildRunbook(size: number): string {
  const files = readCorpus();
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length < size; index++) {
    const text = files[index % files.length]?.text ?? '';
    parts.push(text.endsWith('\n') ? text : `${text}\n`);
    length += text.length + 1;
  }
  return parts.join('\n');
}

function lineAt(offset: number, text: string): TextEdit {
  const lineStart = source.lastIndexOf('\n', offset) + 1;
  return { start: lineStart, end: lineStart, text };
}

function wordInProse(): TextEdit {
  const runbook = parseRunbook(source);
  const index = runbook.sections.findIndex((section) => section.position.start.offset > middle);
  // A prose line just below a heading near the middle: insert a word before its last character.
  const after = runbook.sections[index]?.position.end.offset ?? middle;
  const lineEnd = source.indexOf('\n', source.indexOf('\n', after) + 2);
  return { start: lineEnd - 1, end: lineEnd - 1, text: ' urgently' };
}

function commandInShellBlock(): TextEdit {
  const step = parseRunbook(source).steps.find((candidate) => candidate.isShell && candidate.position.start.offset > middle && candidate.commands.length > 0);
  const command = step?.commands[0];
  if (command === undefined) throw new Error('no shell step after the middle');
  return { start: command.position.end.offset, end: command.position.end.offset, text: ' --v=2' };
}
