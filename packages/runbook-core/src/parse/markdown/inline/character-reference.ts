import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { isAsciiAlphanumeric, isAsciiDigit, isAsciiHexDigit, LOWER_X, NUMBER_SIGN, SEMICOLON, UPPER_X } from '../character-codes.ts';

/**
 * The character a reference such as `&amp;`, `&#35;` or `&#x23;` starting at
 * `at` (the `&`) stands for, or `undefined` when there is no valid reference
 * there. A reference ends at the first `;` after `at`.
 */
export function readCharacterReference(input: string, at: number): string | undefined {
  let index = at + 1;
  if (input.charCodeAt(index) === NUMBER_SIGN) {
    index++;
    const marker = input.charCodeAt(index);
    const hex = marker === LOWER_X || marker === UPPER_X;
    if (hex) index++;
    const start = index;
    const max = hex ? 6 : 7;
    while (index - start < max && (hex ? isAsciiHexDigit : isAsciiDigit)(input.charCodeAt(index))) index++;
    if (index === start || input.charCodeAt(index) !== SEMICOLON) return undefined;
    return decodeNumericCharacterReference(Number.parseInt(input.slice(start, index), hex ? 16 : 10));
  }
  const start = index;
  while (index - start < 31 && isAsciiAlphanumeric(input.charCodeAt(index))) index++;
  if (index === start || input.charCodeAt(index) !== SEMICOLON) return undefined;
  return decodeNamedCharacterReference(input.slice(start, index)) || undefined;
}

/** Like `String.fromCodePoint`, but controls, surrogates, noncharacters and out-of-range values become U+FFFD. */
function decodeNumericCharacterReference(code: number): string {
  if (
    code < 9 ||
    code === 11 ||
    (code > 13 && code < 32) ||
    (code > 126 && code < 160) ||
    (code > 0xd7ff && code < 0xe000) ||
    (code > 0xfdcf && code < 0xfdf0) ||
    (code & 0xffff) === 0xffff ||
    (code & 0xffff) === 0xfffe ||
    code > 0x10ffff
  ) {
    return '\uFFFD';
  }
  return String.fromCodePoint(code);
}
