import { decodeString } from 'micromark-util-decode-string';
import { ForwardSearch } from './forward-search.ts';
import {
  APOSTROPHE,
  BACKSLASH,
  GREATER_THAN,
  isAsciiControl,
  isLineEnding,
  LEFT_PAREN,
  LESS_THAN,
  QUOTE,
  RIGHT_PAREN,
  SPACE,
  TAB,
  CR,
  LF,
} from '../character-codes.ts';

/** How deep parentheses may nest in a bare destination (micromark's limit). */
const MAX_PAREN_DEPTH = 32;

function isWhitespace(code: number): boolean {
  return code === SPACE || code === TAB || code === LF || code === CR;
}

function skipWhitespace(input: string, from: number): number {
  let index = from;
  while (isWhitespace(input.charCodeAt(index))) index++;
  return index;
}

/**
 * Reads the `(destination "title")` after a link label. One per input: title
 * closers are searched with memory, so many unclosed titles stay linear.
 */
export class LinkResourceReader {
  private readonly titleClosers = new Map<number, ForwardSearch>();
  /** Decoded destination of the last resource read. */
  url = '';

  constructor(private readonly input: string) {}

  /** End (after the `)`) of the resource whose `(` is at `at`, or -1; sets `url`. */
  read(at: number): number {
    const input = this.input;
    let index = skipWhitespace(input, at + 1);
    if (input.charCodeAt(index) === RIGHT_PAREN) {
      this.url = '';
      return index + 1;
    }
    const destinationEnd = input.charCodeAt(index) === LESS_THAN ? enclosedDestinationEnd(input, index) : bareDestinationEnd(input, index);
    if (destinationEnd === -1) return -1;
    const enclosed = input.charCodeAt(index) === LESS_THAN;
    const urlStart = enclosed ? index + 1 : index;
    const urlEnd = enclosed ? destinationEnd - 1 : destinationEnd;
    index = destinationEnd;
    if (isWhitespace(input.charCodeAt(index))) {
      index = skipWhitespace(input, index);
      const marker = input.charCodeAt(index);
      if (marker === QUOTE || marker === APOSTROPHE || marker === LEFT_PAREN) {
        const close = this.titleClose(index + 1, marker === LEFT_PAREN ? RIGHT_PAREN : marker);
        if (close === -1) return -1;
        index = skipWhitespace(input, close + 1);
      }
    }
    if (input.charCodeAt(index) !== RIGHT_PAREN) return -1;
    this.url = decodeString(input.slice(urlStart, urlEnd));
    return index + 1;
  }

  // The first `marker` at or after `from` that no backslash escapes. A `(`
  // title may hold unescaped `(`, as micromark allows.
  private titleClose(from: number, marker: number): number {
    let search = this.titleClosers.get(marker);
    if (search === undefined) {
      search = new ForwardSearch(this.input, String.fromCharCode(marker));
      this.titleClosers.set(marker, search);
    }
    let at = search.find(from);
    while (at !== -1 && isEscaped(this.input, at, from)) at = search.find(at + 1);
    return at;
  }
}

/** Whether an odd run of backslashes, starting at or after `from`, ends right before `at`. */
function isEscaped(input: string, at: number, from: number): boolean {
  let index = at;
  while (index > from && input.charCodeAt(index - 1) === BACKSLASH) index--;
  return (at - index) % 2 === 1;
}

// `<…>`: no line ending or `<` inside; `\<`, `\>` and `\\` are escapes.
function enclosedDestinationEnd(input: string, at: number): number {
  for (let index = at + 1; index < input.length; index++) {
    const code = input.charCodeAt(index);
    if (code === GREATER_THAN) return index + 1;
    if (code === LESS_THAN || isLineEnding(code)) return -1;
    if (code === BACKSLASH) {
      const next = input.charCodeAt(index + 1);
      if (next === LESS_THAN || next === GREATER_THAN || next === BACKSLASH) index++;
    }
  }
  return -1;
}

// A bare destination: no controls or spaces, parentheses balanced (at most 32
// deep), `\(`, `\)` and `\\` are escapes. Ends at whitespace or the unmatched `)`.
function bareDestinationEnd(input: string, at: number): number {
  const first = input.charCodeAt(at);
  if (Number.isNaN(first) || first === SPACE || isAsciiControl(first)) return -1;
  let depth = 0;
  for (let index = at; ; index++) {
    const code = input.charCodeAt(index);
    if (depth === 0 && (Number.isNaN(code) || code === RIGHT_PAREN || isWhitespace(code))) return index;
    if (code === LEFT_PAREN) {
      if (depth === MAX_PAREN_DEPTH) return -1;
      depth++;
    } else if (code === RIGHT_PAREN) {
      depth--;
    } else if (Number.isNaN(code) || code === SPACE || isAsciiControl(code)) {
      return -1;
    } else if (code === BACKSLASH) {
      const next = input.charCodeAt(index + 1);
      if (next === LEFT_PAREN || next === RIGHT_PAREN || next === BACKSLASH) index++;
    }
  }
}
