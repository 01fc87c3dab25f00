import { lastIndexAtOrBefore } from './partition-point.ts';

/**
 * Maps offsets in a fenced block's code (mdast `value`) back to the source.
 * Code line `i` is source line `i + 1` after the opening fence; inside list
 * items and blockquotes the source line also holds the container prefix, so
 * each code line is matched as a suffix of its source line. A tab split by
 * container indentation shows up as extra leading spaces in the code: those
 * map to the first character that does exist in the source.
 */
export class CodeSourceMap {
  readonly #codeLineStarts: number[] = [];
  readonly #sourceStarts: number[] = [];
  readonly #virtual: number[] = [];
  /** Source offset of the line after the opening fence (or the end of that line). */
  readonly contentLineStart: number;

  constructor(source: string, fenceStart: number, code: string) {
    let lineEnd = lineEndAt(source, fenceStart);
    let next = afterLineEnding(source, lineEnd);
    this.contentLineStart = next;
    let codeStart = 0;
    while (true) {
      const codeEnd = lineEndAt(code, codeStart);
      const lineStart = next;
      lineEnd = lineEndAt(source, lineStart);
      const shared = sharedSuffixLength(code, codeStart, codeEnd, source, lineStart, lineEnd);
      this.#codeLineStarts.push(codeStart);
      this.#sourceStarts.push(lineEnd - shared);
      this.#virtual.push(codeEnd - codeStart - shared);
      if (codeEnd >= code.length) break;
      codeStart = afterLineEnding(code, codeEnd);
      next = afterLineEnding(source, lineEnd);
    }
  }

  toSource(codeOffset: number): number {
    const line = Math.max(0, lastIndexAtOrBefore(this.#codeLineStarts, codeOffset));
    const column = codeOffset - (this.#codeLineStarts[line] ?? 0);
    return (this.#sourceStarts[line] ?? 0) + Math.max(0, column - (this.#virtual[line] ?? 0));
  }
}

function lineEndAt(text: string, from: number): number {
  let index = from;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 13) return index;
    index++;
  }
  return index;
}

function afterLineEnding(text: string, lineEnd: number): number {
  if (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10) return lineEnd + 2;
  return Math.min(lineEnd + 1, text.length);
}

// Length of the common end of code[codeStart, codeEnd) and source[sourceStart, sourceEnd).
function sharedSuffixLength(code: string, codeStart: number, codeEnd: number, source: string, sourceStart: number, sourceEnd: number): number {
  let length = 0;
  const max = Math.min(codeEnd - codeStart, sourceEnd - sourceStart);
  while (length < max && code.charCodeAt(codeEnd - 1 - length) === source.charCodeAt(sourceEnd - 1 - length)) length++;
  return length;
}
