import type { Position } from '../../model.ts';
import { LineIndex as ParseLineIndex } from '../../parse/line-index.ts';

/** The parser's offset ↔ point index, plus the line texts rules read. */
export class LineIndex extends ParseLineIndex {
  readonly source: string;

  constructor(source: string) {
    super(source);
    this.source = source;
  }

  /** Offset just before the line's ending. */
  lineEnd(line: number): number {
    if (line >= this.lineCount) return this.source.length;
    let end = this.lineStart(line + 1);
    if (this.source.charCodeAt(end - 1) === 10) end--;
    if (this.source.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.lineStart(line));
  }

  lineText(line: number): string {
    return this.source.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The whole of one line, without its ending. */
  linePosition(line: number): Position {
    return this.position(this.lineStart(line), this.lineEnd(line));
  }
}
