import { ForwardSearch } from './forward-search.ts';
import {
  APOSTROPHE,
  COLON,
  DASH,
  DOT,
  EQUALS,
  EXCLAMATION,
  GREATER_THAN,
  isAsciiAlpha,
  isAsciiAlphanumeric,
  LEFT_BRACKET,
  LESS_THAN,
  QUESTION,
  QUOTE,
  SLASH,
  UNDERSCORE,
  BACKTICK,
  CR,
  LF,
  SPACE,
  TAB,
} from '../character-codes.ts';

function isWhitespace(code: number): boolean {
  return code === SPACE || code === TAB || code === LF || code === CR;
}

/**
 * Finds where raw HTML ends. One per input: the searches for closers remember
 * their answers, so repeated unclosed openers stay linear.
 */
export class HtmlTextScanner {
  private readonly commentClose: ForwardSearch;
  private readonly cdataClose: ForwardSearch;
  private readonly instructionClose: ForwardSearch;
  private readonly greaterThan: ForwardSearch;
  private readonly doubleQuote: ForwardSearch;
  private readonly singleQuote: ForwardSearch;

  constructor(private readonly input: string) {
    this.commentClose = new ForwardSearch(input, '-->');
    this.cdataClose = new ForwardSearch(input, ']]>');
    this.instructionClose = new ForwardSearch(input, '?>');
    this.greaterThan = new ForwardSearch(input, '>');
    this.doubleQuote = new ForwardSearch(input, '"');
    this.singleQuote = new ForwardSearch(input, "'");
  }

  /** End (after the `>`) of the tag, closing tag, comment, processing instruction, declaration or CDATA whose `<` is at `at`, or -1. */
  end(at: number): number {
    const input = this.input;
    const code = input.charCodeAt(at + 1);
    if (code === EXCLAMATION) {
      const next = input.charCodeAt(at + 2);
      if (next === DASH) return input.charCodeAt(at + 3) === DASH ? this.commentEnd(at + 4) : -1;
      if (next === LEFT_BRACKET) return input.startsWith('CDATA[', at + 3) ? after(this.cdataClose.find(at + 9), 3) : -1;
      if (isAsciiAlpha(next)) return after(this.greaterThan.find(at + 3), 1);
      return -1;
    }
    // The `?` that opens does not also close: `<?>` is no instruction.
    if (code === QUESTION) return after(this.instructionClose.find(at + 2), 2);
    if (code === SLASH) return closingTagEnd(input, at + 2);
    if (isAsciiAlpha(code)) return openingTagEnd(input, at + 2, this.doubleQuote, this.singleQuote);
    return -1;
  }

  // After `<!--`: `-->` ends it, even right away (`<!-->`, `<!--->`).
  private commentEnd(from: number): number {
    const input = this.input;
    if (input.charCodeAt(from) === GREATER_THAN) return from + 1;
    if (input.charCodeAt(from) === DASH && input.charCodeAt(from + 1) === GREATER_THAN) return from + 2;
    return after(this.commentClose.find(from), 3);
  }
}

function after(found: number, length: number): number {
  return found === -1 ? -1 : found + length;
}

function closingTagEnd(input: string, from: number): number {
  if (!isAsciiAlpha(input.charCodeAt(from))) return -1;
  let index = from + 1;
  while (isAsciiAlphanumeric(input.charCodeAt(index)) || input.charCodeAt(index) === DASH) index++;
  while (isWhitespace(input.charCodeAt(index))) index++;
  return input.charCodeAt(index) === GREATER_THAN ? index + 1 : -1;
}

function isAttributeNameStart(code: number): boolean {
  return isAsciiAlpha(code) || code === COLON || code === UNDERSCORE;
}

function isAttributeNameCharacter(code: number): boolean {
  return isAsciiAlphanumeric(code) || code === COLON || code === UNDERSCORE || code === DOT || code === DASH;
}

function openingTagEnd(input: string, from: number, doubleQuote: ForwardSearch, singleQuote: ForwardSearch): number {
  let index = from;
  while (isAsciiAlphanumeric(input.charCodeAt(index)) || input.charCodeAt(index) === DASH) index++;
  let code = input.charCodeAt(index);
  if (code !== SLASH && code !== GREATER_THAN && !isWhitespace(code)) return -1;
  for (;;) {
    // Between attributes.
    while (isWhitespace(input.charCodeAt(index))) index++;
    code = input.charCodeAt(index);
    if (code === SLASH) return input.charCodeAt(index + 1) === GREATER_THAN ? index + 2 : -1;
    if (code === GREATER_THAN) return index + 1;
    if (!isAttributeNameStart(code)) return -1;
    index++;
    while (isAttributeNameCharacter(input.charCodeAt(index))) index++;
    while (isWhitespace(input.charCodeAt(index))) index++;
    if (input.charCodeAt(index) !== EQUALS) continue;
    index++;
    while (isWhitespace(input.charCodeAt(index))) index++;
    code = input.charCodeAt(index);
    if (code === QUOTE || code === APOSTROPHE) {
      const close = (code === QUOTE ? doubleQuote : singleQuote).find(index + 1);
      if (close === -1) return -1;
      index = close + 1;
      code = input.charCodeAt(index);
      // A quoted value must be followed by whitespace, `/` or `>`.
      if (code !== SLASH && code !== GREATER_THAN && !isWhitespace(code)) return -1;
      continue;
    }
    if (Number.isNaN(code) || code === LESS_THAN || code === EQUALS || code === GREATER_THAN || code === BACKTICK) return -1;
    // Unquoted value: its first character may even be `/`.
    index++;
    for (;;) {
      code = input.charCodeAt(index);
      if (code === SLASH || code === GREATER_THAN || isWhitespace(code)) break;
      if (Number.isNaN(code) || code === QUOTE || code === APOSTROPHE || code === LESS_THAN || code === EQUALS || code === BACKTICK) return -1;
      index++;
    }
  }
}
