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

  constructor(source: string) {
    this.length = source.length;
    this.#lineStarts = lineStartsOf(source);
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
