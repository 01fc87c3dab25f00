import type { Point, Position } from '../model.ts';
import { lastIndexAtOrBefore } from './partition-point.ts';

/**
 * Offsets ↔ unist points for one source text. Line endings are `\r\n`, `\r`
 * and `\n`, as in CommonMark; columns count UTF-16 code units, so a tab is one
 * column (what an editor's cursor position needs, unlike micromark's tab stops).
 */
export class LineIndex {
  readonly #lineStarts: number[];
  readonly length: number;

  constructor(source: string, lineStarts?: number[]) {
    this.length = source.length;
    this.#lineStarts = lineStarts ?? lineStartsOf(source);
  }

  /**
   * The index of `source`, the text this index was built for with
   * `start…oldEnd` replaced by `insertedLength` characters: only the edited
   * lines are scanned again.
   */
  edited(source: string, start: number, oldEnd: number, insertedLength: number): LineIndex {
    const starts = this.#lineStarts;
    const delta = insertedLength - (oldEnd - start);
    // A line start depends on the two characters around it: those before the edit and after it keep theirs.
    const kept = lastIndexAtOrBefore(starts, start - 1) + 1;
    const next: number[] = starts.slice(0, Math.max(1, kept)); // the first line always starts at 0
    const scanEnd = Math.min(source.length + 1, start + insertedLength + 1);
    for (let offset = Math.max(1, start); offset < scanEnd; offset++) if (isLineStart(source, offset)) next.push(offset);
    for (let index = lastIndexAtOrBefore(starts, oldEnd) + 1; index < starts.length; index++) next.push((starts[index] ?? 0) + delta);
    return new LineIndex(source, next);
  }

  get lineCount(): number {
    return this.#lineStarts.length;
  }

  /** Offset of the first character of a 1-based line (clamped to the text). */
  lineStart(line: number): number {
    const starts = this.#lineStarts;
    if (line <= 1) return 0;
    if (line > starts.length) return this.length;
    return starts[line - 1] ?? this.length;
  }

  /** 1-based line holding `offset` (offsets past the end are on the last line). */
  lineOf(offset: number): number {
    return Math.max(0, lastIndexAtOrBefore(this.#lineStarts, offset)) + 1;
  }

  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.length));
    const line = this.lineOf(clamped);
    return { line, column: clamped - this.lineStart(line) + 1, offset: clamped };
  }

  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }

  /** Offset of a 1-based line and column, clamped to that line's start and the text's end. */
  offset(line: number, column: number): number {
    return Math.min(this.lineStart(line) + Math.max(0, column - 1), this.length);
  }
}

function lineStartsOf(source: string): number[] {
  const starts = [0];
  let lf = source.indexOf('\n');
  let cr = source.indexOf('\r');
  while (lf !== -1 || cr !== -1) {
    let next: number;
    if (cr === -1 || (lf !== -1 && lf < cr)) next = lf + 1;
    else next = source.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    starts.push(next);
    if (lf !== -1 && lf < next) lf = source.indexOf('\n', next);
    if (cr !== -1 && cr < next) cr = source.indexOf('\r', next);
  }
  return starts;
}

function isLineStart(source: string, offset: number): boolean {
  const before = source.charCodeAt(offset - 1);
  return before === 10 || (before === 13 && source.charCodeAt(offset) !== 10);
}
