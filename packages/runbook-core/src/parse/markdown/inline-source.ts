import { lastIndexAtOrBefore } from '../partition-point.ts';
import type { InlineLines } from './block-nodes.ts';
import { lineEndingAt } from './character-codes.ts';

/** The inline content of a paragraph or heading as one string, and the way back to source offsets. */
export interface InlineSource {
  text: string;
  toSource(offset: number): number;
}

export function readInlineSource(source: string, lines: InlineLines): InlineSource {
  const first = lines[0] ?? 0;
  if (lines.length <= 2) return { text: source.slice(first, lines[1] ?? first), toSource: (offset) => first + offset };
  // Each line's text, then the source's own line ending; `starts` holds where each line begins in `text`.
  let text = '';
  const starts: number[] = [];
  for (let index = 0; index < lines.length; index += 2) {
    const start = lines[index] ?? 0;
    const end = lines[index + 1] ?? start;
    if (index > 0) text += lineEndingAt(source, lines[index - 1] ?? 0);
    starts.push(text.length);
    text += source.slice(start, end);
  }
  const toSource = (offset: number): number => {
    const line = Math.max(0, lastIndexAtOrBefore(starts, offset));
    const start = starts[line] ?? 0;
    const sourceStart = lines[line * 2] ?? 0;
    const sourceEnd = lines[line * 2 + 1] ?? sourceStart;
    // Past the line's text: inside the line ending that follows it.
    return offset - start <= sourceEnd - sourceStart ? sourceStart + offset - start : sourceEnd + offset - start - (sourceEnd - sourceStart);
  };
  return { text, toSource };
}
