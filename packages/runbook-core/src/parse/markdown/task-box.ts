import type { InlineLines, MdListItem, MdParagraph } from './block-nodes.ts';
import { isSpaceOrTab, LEFT_BRACKET, LOWER_X, RIGHT_BRACKET, skipSpacesAndTabs, SPACE, TAB, UPPER_X } from './character-codes.ts';

/**
 * GFM task items: an item whose first paragraph opens with `[ ]`, `[x]` or
 * `[X]` and a space gets `checked` and `box`; the paragraph then starts after
 * the box. A box split across lines (`[` then `]`) is read, unticked, without
 * a `box`, since no editor can tick it.
 */
export function readTaskBox(source: string, paragraph: MdParagraph, item: MdListItem): void {
  const at = paragraph.start;
  if (source.charCodeAt(at) !== LEFT_BRACKET) return;
  if (isSplitTaskBox(source, paragraph.lines)) {
    item.checked = false;
    return;
  }
  if (source.charCodeAt(at + 2) !== RIGHT_BRACKET) return;
  const box = source.charCodeAt(at + 1);
  if (box !== SPACE && box !== TAB && box !== LOWER_X && box !== UPPER_X) return;
  // micromark reads a tab there only when it is one column wide.
  if (box === TAB && columnAt(source, at + 1) % 4 !== 3) return;
  const lineEnd = paragraph.lines[1] ?? at;
  const after = at + 3;
  if (after < lineEnd && !isSpaceOrTab(source.charCodeAt(after))) return;
  const text = skipSpacesAndTabs(source, after, lineEnd);
  // Something must follow the box: on its line, or on the next.
  if (text === lineEnd && paragraph.lines.length === 2) return;
  item.checked = box === LOWER_X || box === UPPER_X;
  item.box = at + 1;
  paragraph.lines[0] = text;
  // As mdast has it: one character into the text after the box, whose trailing blanks are not text.
  paragraph.start = (text === lineEnd ? lineEnd : after) + 1;
}

// `[` alone on the paragraph's first line and `]` opening the next.
function isSplitTaskBox(source: string, lines: InlineLines): boolean {
  const [start = 0, end = 0, nextStart = 0, nextEnd = 0] = lines;
  const next = skipSpacesAndTabs(source, nextStart, nextEnd);
  if (lines.length < 4 || end - start !== 1 || source.charCodeAt(next) !== RIGHT_BRACKET) return false;
  const after = next + 1;
  if (after === nextEnd) return lines.length > 4;
  if (!isSpaceOrTab(source.charCodeAt(after))) return false;
  return skipSpacesAndTabs(source, after, nextEnd) < nextEnd || lines.length > 4;
}

function columnAt(source: string, offset: number): number {
  let start = offset;
  while (start > 0 && source.charCodeAt(start - 1) !== 10 && source.charCodeAt(start - 1) !== 13) start--;
  let column = 0;
  for (let index = start; index < offset; index++) column += source.charCodeAt(index) === TAB ? 4 - (column % 4) : 1;
  return column;
}
