import { readCharacterReference } from './character-reference.ts';
import { AMPERSAND, BACKSLASH, isAsciiPunctuation } from '../character-codes.ts';

/** `input[start, end)` with backslash escapes and character references decoded, as mdast gives link destinations. */
export function decodeString(input: string, start: number, end: number): string {
  let result = '';
  let copied = start;
  for (let index = start; index < end; index++) {
    const code = input.charCodeAt(index);
    if (code === BACKSLASH && index + 1 < end && isAsciiPunctuation(input.charCodeAt(index + 1))) {
      result += input.slice(copied, index);
      copied = index + 1;
      index++;
    } else if (code === AMPERSAND) {
      const value = readCharacterReference(input, index);
      // The reference must end inside the range.
      const referenceEnd = value === undefined ? -1 : input.indexOf(';', index) + 1;
      if (value !== undefined && referenceEnd <= end) {
        result += input.slice(copied, index) + value;
        copied = referenceEnd;
        index = referenceEnd - 1;
      }
    }
  }
  return copied === start ? input.slice(start, end) : result + input.slice(copied, end);
}
