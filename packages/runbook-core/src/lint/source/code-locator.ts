import type { Position } from '../../model.ts';
import { CodeSourceMap } from '../../parse/code-source-map.ts';
import type { LineIndex } from './line-index.ts';
import { lineAt, lineStarts } from './line-starts.ts';

/** A fenced block as the locator needs it: where it is and its code. */
export interface FencedBlock {
  position: Position;
  code: string;
}

/** Maps places in a block's code to source positions (container prefixes included). */
export class CodeLocator {
  readonly #lines: LineIndex;
  readonly #map: CodeSourceMap;
  readonly #codeLineStarts: number[];
  readonly #code: string;

  constructor(block: FencedBlock, lines: LineIndex) {
    this.#lines = lines;
    this.#map = new CodeSourceMap(lines.source, block.position.start.offset, block.code);
    this.#code = block.code;
    this.#codeLineStarts = lineStarts(block.code);
  }

  /** Source offset of an offset into the code. */
  offset(codeOffset: number): number {
    return this.#map.toSource(codeOffset);
  }

  /** Source offset of a 0-based code line and column. */
  offsetAt(codeLine: number, column: number): number {
    const start = this.#codeLineStarts[Math.min(codeLine, this.#codeLineStarts.length - 1)]!;
    return this.#map.toSource(start + column);
  }

  /** The 0-based code line holding a code offset. */
  codeLine(codeOffset: number): number {
    return lineAt(this.#codeLineStarts, codeOffset);
  }

  /** Source offsets of a code line's text (without its line ending). */
  lineRange(codeLine: number): [number, number] {
    const starts = this.#codeLineStarts;
    const index = Math.min(codeLine, starts.length - 1);
    const start = starts[index]!;
    let end = starts[index + 1] ?? this.#code.length;
    if (index + 1 < starts.length) end -= this.#code[end - 2] === '\r' && this.#code[end - 1] === '\n' ? 2 : 1;
    return [this.#map.toSource(start), this.#map.toSource(end)];
  }

  /** Source position of a code range. */
  position(codeStart: number, codeEnd: number): Position {
    return this.#lines.position(this.offset(codeStart), this.offset(codeEnd));
  }
}
