import { SPACE, TAB } from './character-codes.ts';

/**
 * A position in one line of the text, in offsets and in columns: a tab runs
 * to the next multiple of four, and the block structure may use part of one
 * (`partialTab`), as CommonMark counts indentation.
 */
export class LineCursor {
  readonly source: string;
  lineStart = 0;
  lineEnd = 0;
  offset = 0;
  column = 0;
  partialTab = false;
  /** Set by `findNextNonspace`: the first character after spaces and tabs, its column, the indent that is, and whether the rest is blank. */
  nextNonspace = 0;
  nextNonspaceColumn = 0;
  indent = 0;
  blank = false;
  /** Where the last `findNextNonspace` of this line began, or -1. */
  #scannedFrom = -1;

  constructor(source: string) {
    this.source = source;
  }

  startLine(start: number, end: number): void {
    this.lineStart = start;
    this.lineEnd = end;
    this.offset = start;
    this.column = 0;
    this.partialTab = false;
    this.#scannedFrom = -1;
  }

  /** The character at the cursor, or -1 at the line's end. */
  peek(): number {
    return this.offset < this.lineEnd ? this.source.charCodeAt(this.offset) : -1;
  }

  findNextNonspace(): void {
    // Still inside the whitespace scanned last time: the same next character, so deep nesting is not quadratic.
    if (this.#scannedFrom !== -1 && this.#scannedFrom <= this.offset && this.offset <= this.nextNonspace) {
      this.indent = this.nextNonspaceColumn - this.column;
      return;
    }
    this.#scannedFrom = this.offset;
    const source = this.source;
    let index = this.offset;
    let column = this.column;
    while (index < this.lineEnd) {
      const code = source.charCodeAt(index);
      if (code === SPACE) column++;
      else if (code === TAB) column += 4 - (column % 4);
      else break;
      index++;
    }
    this.blank = index >= this.lineEnd;
    this.nextNonspace = index;
    this.nextNonspaceColumn = column;
    this.indent = column - this.column;
  }

  advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
    this.partialTab = false;
  }

  /** Moves `count` characters, or with `columns` that many columns (stopping inside a tab if need be). */
  advanceOffset(count: number, columns: boolean): void {
    const source = this.source;
    let left = count;
    while (left > 0 && this.offset < this.lineEnd) {
      if (source.charCodeAt(this.offset) === TAB) {
        const toTab = 4 - (this.column % 4);
        if (columns) {
          this.partialTab = toTab > left;
          const advance = Math.min(left, toTab);
          this.column += advance;
          if (!this.partialTab) this.offset++;
          left -= advance;
        } else {
          this.partialTab = false;
          this.column += toTab;
          this.offset++;
          left--;
        }
      } else {
        this.partialTab = false;
        this.offset++;
        this.column++;
        left--;
      }
    }
  }
}
