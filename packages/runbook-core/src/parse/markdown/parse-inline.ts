import { InlineScanner } from './inline/inline-scanner.ts';

export { normalizeIdentifier } from './inline/normalize-identifier.ts';

export interface InlineLink {
  /** Inline links and autolinks: mdast `link.url` (escapes and character references decoded, as mdast does; mailto: added for email autolinks as mdast does). */
  url?: string;
  /** Reference links: mdast `linkReference.identifier` (normalized label, lower-cased as mdast does). */
  identifier?: string;
  /** toString of the link's children (image alt and raw HTML left out). */
  text: string;
  /** Offsets into `input`: the link node's start and end. */
  start: number;
  end: number;
}

export interface InlineContent {
  /** toString of the whole content (image alt and raw HTML left out). */
  text: string;
  links: InlineLink[];
}

// Characters that may start inline syntax: text without them is its own plain text.
const syntax = new Uint8Array(128);
for (const char of '\\`*_[<&\0') syntax[char.charCodeAt(0)] = 1;

/**
 * The plain text of one paragraph's or heading's inline content and the links
 * in it, as remark-parse (CommonMark, no GFM autolink literals, strikethrough
 * or tables) and mdast-util-to-string give them.
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

/** No syntax, and no space or tab before a line ending or at the end (those are no text). */
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
