import { BACKSLASH, COLON, DASH, isSpaceOrTab, skipSpacesAndTabs } from './character-codes.ts';

// The rows of a GFM table, as micromark-extension-gfm-table reads them: cells
// split on pipes that no backslash escapes (`\|` and `\\` are escapes), a
// leading and a trailing pipe optional.

const PIPE = 124;

/** The cells of the row `source[start, end)`: each cell's content, spaces trimmed, flat as [start, end, start, end, …]. */
export function tableRowCells(source: string, start: number, end: number): number[] {
  const cells: number[] = [];
  let index = skipSpacesAndTabs(source, start, end);
  if (source.charCodeAt(index) === PIPE) index++;
  for (;;) {
    index = skipSpacesAndTabs(source, index, end);
    if (index >= end) return cells;
    const cellStart = index;
    while (index < end && source.charCodeAt(index) !== PIPE) {
      const escaped =
        source.charCodeAt(index) === BACKSLASH && index + 1 < end && (source.charCodeAt(index + 1) === BACKSLASH || source.charCodeAt(index + 1) === PIPE);
      index += escaped ? 2 : 1;
    }
    let cellEnd = index;
    while (cellEnd > cellStart && isSpaceOrTab(source.charCodeAt(cellEnd - 1))) cellEnd--;
    cells.push(cellStart, cellEnd);
    if (index < end) index++;
  }
}

/** Whether the line `source[start, end)` may head a table: anything but a lone pipe. */
export function canHeadTable(source: string, start: number, end: number): boolean {
  const first = skipSpacesAndTabs(source, start, end);
  return !(source.charCodeAt(first) === PIPE && skipSpacesAndTabs(source, first + 1, end) === end);
}

/**
 * How many cells the delimiter row `source[start, end)` (past its indentation)
 * has, such as `|---|:-:|` or `:--`, or `undefined` when it is none. It needs a
 * pipe or a colon somewhere, so `---` stays a setext underline.
 */
export function delimiterRowWidth(source: string, start: number, end: number): number | undefined {
  let index = start;
  let marked = false;
  if (source.charCodeAt(index) === PIPE) {
    marked = true;
    index++;
  }
  let width = 0;
  for (;;) {
    index = skipSpacesAndTabs(source, index, end);
    if (index >= end) break;
    if (source.charCodeAt(index) === COLON) {
      marked = true;
      index++;
    }
    if (source.charCodeAt(index) !== DASH) return undefined;
    while (index < end && source.charCodeAt(index) === DASH) index++;
    if (index < end && source.charCodeAt(index) === COLON) {
      marked = true;
      index++;
    }
    width++;
    index = skipSpacesAndTabs(source, index, end);
    if (index >= end) break;
    if (source.charCodeAt(index) !== PIPE) return undefined;
    marked = true;
    index++;
  }
  return marked && width > 0 ? width : undefined;
}
