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
  ranges.push(...indentedCode(lines, fenced), ...codeSpans(lines.source, fenced));
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

/** Inline code spans: a backtick run closed by a run of the same length, within one paragraph. */
function codeSpans(source: string, fenced: OffsetRanges): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const [from, to] of complement(fenced, source.length)) {
    let at = from;
    while (at < to) {
      const open = source.indexOf('`', at);
      if (open === -1 || open >= to) break;
      let openEnd = open;
      while (source[openEnd] === '`') openEnd++;
      const size = openEnd - open;
      const close = findClosingRun(source, openEnd, to, size);
      if (close === -1) {
        at = openEnd;
        continue;
      }
      spans.push([open, close + size]);
      at = close + size;
    }
  }
  return spans;
}

function findClosingRun(source: string, from: number, to: number, size: number): number {
  const paragraphEnd = /\n[ \t]*\r?\n/g;
  paragraphEnd.lastIndex = from;
  const blank = paragraphEnd.exec(source);
  const limit = Math.min(to, blank ? blank.index : to);
  let at = from;
  while (at < limit) {
    const start = source.indexOf('`', at);
    if (start === -1 || start >= limit) return -1;
    let end = start;
    while (source[end] === '`') end++;
    if (end - start === size) return start;
    at = end;
  }
  return -1;
}
