import { InlineScanner } from './inline/inline-scanner.ts';

export { labelIdentifier } from './inline/link-label.ts';

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
const plainTextBreaker = /[\\`*_[<&\0]/;

/**
 * The plain text of one paragraph's or heading's inline content and the links
 * in it, as remark-parse (CommonMark, no GFM autolink literals, strikethrough
 * or tables) and mdast-util-to-string give them.
 *
 * `input` is the inline content of the block: its lines after their container
 * prefixes (the first without its indentation; later ones keep theirs, which
 * code spans show), joined by their original line endings (\n, \r\n or \r),
 * final whitespace removed. `isDefined(identifier)` says whether a
 * link reference definition with that normalized identifier (see
 * `labelIdentifier`) exists in the document; it is only asked about
 * labels a definition could have.
 */
export function parseInline(input: string, isDefined: (identifier: string) => boolean): InlineContent {
  if (isPlainText(input)) return { text: input, links: [] };
  // micromark reads NUL as U+FFFD; same length, so offsets hold.
  const source = input.includes('\0') ? input.replaceAll('\0', '\uFFFD') : input;
  return new InlineScanner(source, isDefined).scan();
}

// Spaces and tabs next to a line ending or at the end are no text.
const edgeWhitespace = /[ \t](?:[\r\n]|$)|[\r\n][ \t]/;

/** No syntax, and no whitespace the text would drop. A regular expression: fast even before the code is warm. */
function isPlainText(input: string): boolean {
  return !plainTextBreaker.test(input) && !edgeWhitespace.test(input);
}
