import type { InlineLines } from './markdown/block-nodes.ts';
import { tableRowCells } from './markdown/table-row.ts';

export interface TableFact {
  header: string[];
  rows: string[][];
  start: number;
  end: number;
}

export interface TableReading {
  fact: TableFact;
  /** Every cell's content, header and body, flat as [start, end, …]: each cell is inline content of its own. */
  cells: number[];
}

/**
 * Reads a GFM table from its lines (header row, delimiter row, body rows, as
 * the block scanner found them). Cells keep their Markdown, with `\|` read as
 * `|`; body rows are padded or cut to the header's width, as GitHub shows them.
 */
export function readGfmTable(source: string, lines: InlineLines, start: number, end: number): TableReading {
  const cells: number[] = [];
  const rowOf = (line: number): string[] => {
    const ranges = tableRowCells(source, lines[line] ?? 0, lines[line + 1] ?? 0);
    const texts: string[] = [];
    for (let index = 0; index < ranges.length; index += 2) {
      const cellStart = ranges[index] ?? 0;
      const cellEnd = ranges[index + 1] ?? cellStart;
      cells.push(cellStart, cellEnd);
      texts.push(source.slice(cellStart, cellEnd).replaceAll('\\|', '|'));
    }
    return texts;
  };
  const header = rowOf(0);
  const rows: string[][] = [];
  for (let line = 4; line < lines.length; line += 2) rows.push(fitRow(rowOf(line), header.length));
  return { fact: { header, rows, start, end }, cells };
}

function fitRow(cells: string[], width: number): string[] {
  const row = cells.slice(0, width);
  while (row.length < width) row.push('');
  return row;
}
