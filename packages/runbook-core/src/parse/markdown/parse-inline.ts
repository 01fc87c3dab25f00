import { InlineScanner, type InlineLink } from './inline/inline-scanner.ts';

export type { InlineLink } from './inline/inline-scanner.ts';
export { normalizeIdentifier } from './inline/normalize-identifier.ts';

export interface InlineContent {
  /** The plain text: what mdast-util-to-string gives (image alt and raw HTML left out). */
  text: string;
  links: InlineLink[];
}

// Characters that may start inline syntax, so that text without them is its own plain text.
const syntax = new Uint8Array(128);
for (const char of '\\`*_[<&\0') syntax[char.charCodeAt(0)] = 1;

/**
 * The plain text of one paragraph's or heading's inline content and the links
 * in it, as remark-parse (CommonMark, no GFM autolink literals or
 * strikethrough) and mdast-util-to-string would give them.
 *
 * `input` is the inline content as CommonMark defines it: the lines with their
 * leading whitespace removed, joined by their original line endings (\n, \r\n
 * or \r), final whitespace removed. `isDefined(identifier)` says whether a
 * link reference definition with that normalized identifier (see
 * `normalizeIdentifier`) exists in the document; it is only asked about
 * labels a definition could have.
 */
export function parseInline(input: string, isDefined: (identifier: string) => boolean): InlineContent {
  if (isPlainText(input)) return { text: input, links: [] };
  // micromark reads NUL as U+FFFD; same length, so offsets hold.
  const source = input.includes('\0') ? input.replaceAll('\0', '\uFFFD') : input;
  return new InlineScanner(source, isDefined).scan();
}

/** No syntax, no spaces or tabs before a line ending or at the end. */
function isPlainText(input: string): boolean {
  const length = input.length;
  for (let index = 0; index < length; index++) {
    const code = input.charCodeAt(index);
    if (code >= 128) continue;
    if (syntax[code] === 1) return false;
    if ((code === 32 || code === 9) && (index + 1 === length || input.charCodeAt(index + 1) === 10 || input.charCodeAt(index + 1) === 13)) return false;
  }
  return true;
}
