export interface TableFact {
  header: string[];
  rows: string[][];
  start: number;
  end: number;
}

const delimiterCell = /^\s*:?-+:?\s*$/;

/**
 * Reads a GFM table out of a paragraph (without the table extension, tables
 * parse as paragraphs): a header line, a delimiter row such as `|---|:--:|`
 * with as many cells, then every further line of the paragraph is a row —
 * where a GFM table ends too (blank line or another block). Cells keep their
 * Markdown, with `\|` unescaped; rows are padded or cut to the header's width.
 */
export function readGfmTable(source: string, start: number, end: number, inBlockquote: boolean): TableFact | undefined {
  const lines = paragraphLines(source, start, end, inBlockquote);
  for (let index = 0; index + 1 < lines.length; index++) {
    const delimiter = lines[index + 1]?.text ?? '';
    if (!delimiter.includes('|') || !delimiter.includes('-')) continue;
    const header = splitRow(lines[index]?.text ?? '');
    const delimiters = splitRow(delimiter);
    if (header.length !== delimiters.length || !delimiters.every((cell) => delimiterCell.test(cell))) continue;
    const rows = lines.slice(index + 2).map((line) => fitRow(splitRow(line.text), header.length));
    return { header, rows, start: lines[index]?.start ?? start, end };
  }
  return undefined;
}

interface ParagraphLine {
  text: string;
  start: number;
}

function paragraphLines(source: string, start: number, end: number, inBlockquote: boolean): ParagraphLine[] {
  const lines: ParagraphLine[] = [];
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = lineStart;
    while (lineEnd < end && source[lineEnd] !== '\n' && source[lineEnd] !== '\r') lineEnd++;
    const raw = source.slice(lineStart, lineEnd);
    const prefix = (inBlockquote ? /^[ \t]*(?:>[ \t]?)*/ : /^[ \t]*/).exec(raw)?.[0].length ?? 0;
    lines.push({ text: raw.slice(prefix), start: lineStart + prefix });
    lineStart = lineEnd + (source[lineEnd] === '\r' && source[lineEnd + 1] === '\n' ? 2 : 1);
  }
  return lines;
}

function splitRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === '\\' && text[index + 1] === '|') {
      cell += '|';
      index++;
    } else if (character === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += character;
    }
  }
  cells.push(cell.trim());
  return cells;
}

function fitRow(cells: string[], width: number): string[] {
  const row = cells.slice(0, width);
  while (row.length < width) row.push('');
  return row;
}
