import { partitionPoint } from '../../parse/partition-point.ts';
import type { Runbook } from '../../model.ts';
import type { LineIndex } from './line-index.ts';

/** Half-open offset ranges `[start, end)`, sorted and disjoint. */
export type OffsetRanges = ReadonlyArray<readonly [number, number]>;

/**
 * Where the source is not prose: frontmatter, fenced blocks (from the
 * model), indented code blocks and inline code spans (found here, since the
 * model does not keep them). Text rules skip these.
 */
export function codeRanges(runbook: Runbook, lines: LineIndex): OffsetRanges {
  const ranges: Array<[number, number]> = [];
  if (runbook.meta.position) ranges.push([runbook.meta.position.start.offset, runbook.meta.position.end.offset]);
  for (const block of [...runbook.steps, ...runbook.templates, ...runbook.diagrams]) {
    ranges.push([block.position.start.offset, block.position.end.offset]);
  }
  const fenced = merge(ranges);
  // A loop, not push(...spread): a file can hold more spans than the stack has room for arguments.
  for (const range of indentedCode(lines, fenced)) ranges.push(range);
  for (const range of codeSpans(lines.source, fenced)) ranges.push(range);
  return merge(ranges);
}

/** Whether an offset lies in one of the ranges. */
export function inRanges(ranges: OffsetRanges, offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = ranges[middle]!;
    if (offset < start) high = middle - 1;
    else if (offset >= end) low = middle + 1;
    else return true;
  }
  return false;
}

/** The gaps between ranges, within `[0, length)`. */
export function complement(ranges: OffsetRanges, length: number): OffsetRanges {
  const gaps: Array<[number, number]> = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) gaps.push([at, start]);
    at = Math.max(at, end);
  }
  if (at < length) gaps.push([at, length]);
  return gaps;
}

function merge(ranges: Array<[number, number]>): Array<[number, number]> {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

const listItem = /^( *)([-+*]|\d{1,9}[.)])( +|$)/;

/**
 * Indented code: a line indented 4 columns past the enclosing list item's
 * content (or the margin), after a blank line. List continuation paragraphs
 * are indented too, so the list's content column is tracked.
 */
function indentedCode(lines: LineIndex, fenced: OffsetRanges): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let contentIndent = 0;
  let previousBlank = true;
  let inCode = false;
  for (let line = 1; line <= lines.lineCount; line++) {
    const start = lines.lineStart(line);
    if (inRanges(fenced, start)) {
      previousBlank = false;
      inCode = false;
      continue;
    }
    const text = lines.lineText(line).replace(/\t/g, '    ');
    if (text.trim() === '') {
      previousBlank = true;
      continue;
    }
    const indent = text.length - text.trimStart().length;
    if ((previousBlank || inCode) && indent >= contentIndent + 4) {
      ranges.push([start, lines.lineEnd(line)]);
      inCode = true;
      previousBlank = false;
      continue;
    }
    inCode = false;
    const item = listItem.exec(text);
    if (item) contentIndent = item[1]!.length + item[2]!.length + Math.min(Math.max(item[3]!.length, 1), 4);
    else if (previousBlank && indent < contentIndent) contentIndent = indent >= 2 ? indent : 0;
    previousBlank = false;
  }
  return ranges;
}

/**
 * Inline code spans: a backtick run closed by the next run of the same
 * length, within one paragraph. Linear: each run length keeps a cursor into
 * its own list of runs, so an opener that is never closed costs nothing more
 * (searching onwards from every opener was quadratic on pathological input).
 */
function codeSpans(source: string, fenced: OffsetRanges): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const blanks = blankLineStarts(source);
  for (const [from, to] of complement(fenced, source.length)) {
    const runs = backtickRuns(source, from, to);
    const bySize = new Map<number, { runs: number[]; cursor: number }>();
    for (const [index, run] of runs.entries()) {
      const same = bySize.get(run.size);
      if (same) same.runs.push(index);
      else bySize.set(run.size, { runs: [index], cursor: 0 });
    }
    for (let index = 0; index < runs.length; ) {
      const open = runs[index]!;
      const paragraphEnd = blanks[partitionPoint(blanks, (blank) => blank < open.start + open.size)] ?? to;
      const same = bySize.get(open.size)!;
      while (same.cursor < same.runs.length && same.runs[same.cursor]! <= index) same.cursor++;
      const closeIndex = same.runs[same.cursor];
      const close = closeIndex === undefined ? undefined : runs[closeIndex]!;
      if (closeIndex !== undefined && close !== undefined && close.start < Math.min(to, paragraphEnd)) {
        spans.push([open.start, close.start + close.size]);
        index = closeIndex + 1;
      } else index++;
    }
  }
  return spans;
}

/** Maximal runs of backticks in `[from, to)`, in order. */
function backtickRuns(source: string, from: number, to: number): Array<{ start: number; size: number }> {
  const runs: Array<{ start: number; size: number }> = [];
  for (let at = source.indexOf('`', from); at !== -1 && at < to; ) {
    let end = at;
    while (source[end] === '`') end++;
    runs.push({ start: at, size: end - at });
    at = source.indexOf('`', end);
  }
  return runs;
}

/** Offsets of every line break that is followed by a blank line (`\n[ \t]*\r?\n` starts there), ascending. */
function blankLineStarts(source: string): number[] {
  const starts: number[] = [];
  for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) {
    let next = at + 1;
    while (source[next] === ' ' || source[next] === '\t') next++;
    if (source[next] === '\r') next++;
    if (source[next] === '\n') starts.push(at);
  }
  return starts;
}
