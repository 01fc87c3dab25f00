// Character codes the inline scanner compares against.
export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const EXCLAMATION = 33;
export const QUOTE = 34;
export const NUMBER_SIGN = 35;
export const AMPERSAND = 38;
export const APOSTROPHE = 39;
export const LEFT_PAREN = 40;
export const RIGHT_PAREN = 41;
export const ASTERISK = 42;
export const PLUS = 43;
export const DASH = 45;
export const DOT = 46;
export const SLASH = 47;
export const COLON = 58;
export const SEMICOLON = 59;
export const LESS_THAN = 60;
export const EQUALS = 61;
export const GREATER_THAN = 62;
export const QUESTION = 63;
export const AT = 64;
export const LEFT_BRACKET = 91;
export const BACKSLASH = 92;
export const RIGHT_BRACKET = 93;
export const UNDERSCORE = 95;
export const BACKTICK = 96;
export const UPPER_X = 88;
export const LOWER_X = 120;

export function isLineEnding(code: number): boolean {
  return code === LF || code === CR;
}

/** Space or tab: what Markdown calls a space in line-level rules. */
export function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** Past the spaces and tabs from `from`, stopping at `to`. */
export function skipSpacesAndTabs(text: string, from: number, to = text.length): number {
  let index = from;
  while (index < to && isSpaceOrTab(text.charCodeAt(index))) index++;
  return index;
}

/** The line ending at `offset` as written: `\r\n`, `\r` or `\n`. */
export function lineEndingAt(text: string, offset: number): string {
  if (text.charCodeAt(offset) === CR) return text.charCodeAt(offset + 1) === LF ? '\r\n' : '\r';
  return '\n';
}

export function isAsciiAlpha(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isAsciiAlphanumeric(code: number): boolean {
  return isAsciiAlpha(code) || isAsciiDigit(code);
}

export function isAsciiHexDigit(code: number): boolean {
  return isAsciiDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** What a backslash can escape: `!` to `/`, `:` to `@`, `[` to `` ` ``, `{` to `~`. */
export function isAsciiPunctuation(code: number): boolean {
  return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);
}

/** C0 controls and DEL; `NaN` (past the end) is not one. */
export function isAsciiControl(code: number): boolean {
  return code < 32 || code === 127;
}
