import { decodeString } from 'micromark-util-decode-string';
import { isSpaceOrTab, skipSpacesAndTabs } from './character-codes.ts';

/**
 * The language of the fence whose info string is `source[from, lineEnd)`: its
 * first word with backslash escapes and character references decoded, as
 * CommonMark reads it (```` ```b&#97;sh ```` is bash, as GitHub highlights
 * it); `undefined` when the info string is empty.
 */
export function fenceLanguage(source: string, from: number, lineEnd: number): string | undefined {
  const start = skipSpacesAndTabs(source, from, lineEnd);
  let end = start;
  while (end < lineEnd && !isSpaceOrTab(source.charCodeAt(end))) end++;
  if (end === start) return undefined;
  let word = source.slice(start, end);
  // micromark reads NUL as U+FFFD.
  if (word.includes('\0')) word = word.replaceAll('\0', '\uFFFD');
  return word.includes('\\') || word.includes('&') ? decodeString(word) : word;
}
