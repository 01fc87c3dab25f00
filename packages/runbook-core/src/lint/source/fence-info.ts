import type { Position } from '../../model.ts';
import type { LintFix } from '../lint-message.ts';
import type { LineIndex } from './line-index.ts';

/** The opening fence line of a fenced block, read from the source. */
export interface FenceInfo {
  /** 1-based line of the opening fence. */
  line: number;
  /** The info string, trimmed (`bash {name=x}`). */
  info: string;
  /** Offsets of the trimmed info string; empty at the fence's end when there is none. */
  infoStart: number;
  infoEnd: number;
  /** Offsets of a trailing `{…}` attribute block, braces included. */
  attributes?: { start: number; end: number; json: boolean };
}

/** Reads the info string of the block starting at `blockStart` (the fence's first character). */
export function fenceInfo(lines: LineIndex, blockStart: number): FenceInfo {
  const line = lines.point(blockStart).line;
  const text = lines.source;
  const lineEnd = lines.lineEnd(line);
  let at = blockStart;
  const fenceChar = text[at];
  while (at < lineEnd && text[at] === fenceChar) at++;
  while (at < lineEnd && (text[at] === ' ' || text[at] === '\t')) at++;
  let end = lineEnd;
  while (end > at && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  const info = text.slice(at, end);
  const fence: FenceInfo = { line, info, infoStart: at, infoEnd: end };
  const open = info.indexOf('{');
  if (open > 0 && info.endsWith('}')) {
    fence.attributes = { start: at + open, end, json: /^\{\s*("|\})/.test(info.slice(open)) };
  }
  return fence;
}

/**
 * A fix adding `name=value` to a block's info string, in the syntax it
 * already uses (`{a=b}` or `{"a":"b"}`), or as a new `{name=value}` block.
 * Undefined when the block has no language to attach attributes to.
 */
export function addAttributeFix(lines: LineIndex, blockStart: number, name: string, value: string, title: string): LintFix | undefined {
  const fence = fenceInfo(lines, blockStart);
  if (fence.info === '' || fence.info.startsWith('{')) return undefined;
  const { attributes } = fence;
  let at: number;
  let insertText: string;
  if (!attributes) {
    at = fence.infoEnd;
    insertText = ` {${name}=${value}}`;
  } else {
    at = attributes.end - 1;
    const inside = lines.source.slice(attributes.start + 1, at);
    const empty = inside.trim() === '';
    while (at > attributes.start + 1 && /\s/.test(lines.source[at - 1]!)) at--;
    if (attributes.json) {
      const literal = value === 'true' || value === 'false' || /^-?\d+(\.\d+)?$/.test(value) ? value : JSON.stringify(value);
      insertText = `${empty ? '' : ', '}${JSON.stringify(name)}: ${literal}`;
    } else insertText = `${empty ? '' : ' '}${name}=${value}`;
  }
  return { range: point(lines, at), insertText, title };
}

function point(lines: LineIndex, offset: number): Position {
  return lines.position(offset, offset);
}

/** From a block's fence to the end of that line: where block-level findings point. */
export function fenceLinePosition(lines: LineIndex, block: { position: Position }): Position {
  const start = block.position.start.offset;
  return lines.position(start, lines.lineEnd(lines.point(start).line));
}
