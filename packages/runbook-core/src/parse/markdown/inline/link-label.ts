import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { BACKSLASH, isLineEnding, LEFT_BRACKET, RIGHT_BRACKET } from '../character-codes.ts';

/**
 * The identifier mdast gives a link label: micromark's normalized form
 * (whitespace collapsed, trimmed, case folded), lower-cased as mdast stores it.
 */
export function labelIdentifier(label: string): string {
  return normalizeIdentifier(label).toLowerCase();
}

/** Longest link label micromark accepts, line endings not counted. */
const MAX_LABEL_SIZE = 999;

/**
 * End (after the `]`) of the link label `[…]` of a full reference whose `[`
 * is at `at`, or -1: at most 999 characters, no unescaped brackets. (A blank
 * label normalizes to "", which no definition has.)
 */
export function referenceLabelEnd(input: string, at: number): number {
  let size = 0;
  for (let index = at + 1; index < input.length; index++) {
    const code = input.charCodeAt(index);
    if (code === RIGHT_BRACKET) return index + 1;
    if (code === LEFT_BRACKET) return -1;
    if (isLineEnding(code)) continue;
    if (++size > MAX_LABEL_SIZE) return -1;
    if (code === BACKSLASH) {
      const next = input.charCodeAt(index + 1);
      if (next === LEFT_BRACKET || next === RIGHT_BRACKET || next === BACKSLASH) {
        index++;
        if (++size > MAX_LABEL_SIZE) return -1;
      }
    }
  }
  return -1;
}

/**
 * Whether `input[from, to)` holds a bracket no backslash escapes. Such text
 * can never be the label of a definition, so it needs no look-up. Scans from
 * the end, where nested labels put their brackets.
 */
export function hasUnescapedBracket(input: string, from: number, to: number): boolean {
  for (let index = to - 1; index >= from; index--) {
    const code = input.charCodeAt(index);
    if (code !== LEFT_BRACKET && code !== RIGHT_BRACKET) continue;
    let run = index;
    while (run > from && input.charCodeAt(run - 1) === BACKSLASH) run--;
    if ((index - run) % 2 === 0) return true;
    index = run;
  }
  return false;
}
