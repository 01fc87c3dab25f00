import { isAsciiPunctuation } from '../character-codes.ts';

// Delimiter runs open or close depending on what surrounds them. Classes
// follow micromark: it looks at UTF-16 code units, so a lone surrogate half
// (an emoji, say) is "other".
export const OTHER = 0;
export const WHITESPACE = 1;
export const PUNCTUATION = 2;

const unicodeWhitespace = /\s/;
const unicodePunctuation = /\p{P}|\p{S}/u;

/** Class of the code unit `code`; `NaN` (before the start or after the end) is whitespace. */
export function characterClass(code: number): number {
  if (code !== code) return WHITESPACE;
  if (code < 128) {
    if (code === 32 || (code >= 9 && code <= 13)) return WHITESPACE;
    return isAsciiPunctuation(code) ? PUNCTUATION : OTHER;
  }
  const char = String.fromCharCode(code);
  if (unicodeWhitespace.test(char)) return WHITESPACE;
  return unicodePunctuation.test(char) ? PUNCTUATION : OTHER;
}
