import { autolinkEnd } from './autolink.ts';
import { classifyCharacter } from 'micromark-util-classify-character';
import {
  AMPERSAND,
  ASTERISK,
  BACKSLASH,
  BACKTICK,
  CR,
  EXCLAMATION,
  isAsciiPunctuation,
  isLineEnding,
  isSpaceOrTab,
  LEFT_BRACKET,
  LEFT_PAREN,
  LESS_THAN,
  LF,
  RIGHT_BRACKET,
  skipSpacesAndTabs,
  SPACE,
  TAB,
  UNDERSCORE,
} from '../character-codes.ts';
import { readCharacterReference } from './character-reference.ts';
import { CodeSpanCloser, codeSpanValue } from './code-span.ts';
import { Delimiters } from './emphasis.ts';
import { HtmlTextScanner } from './html-text.ts';
import { hasUnescapedBracket, labelIdentifier, referenceLabelEnd } from './link-label.ts';
import { LinkResourceReader } from './link-resource.ts';
import type { InlineContent, InlineLink } from '../parse-inline.ts';

// What each piece of the content shows as text.
const TEXT = 0; // input[start, end)
const VALUE = 1; // values[extra]
const RUN = 2; // `extra` copies of input[start]: a delimiter run's unpaired markers
const LINK_START = 3; // extra: index of the link
const LINK_END = 4;
const IMAGE = 5; // shows nothing up to piece `extra`, its end
const IMAGE_END = 6;

// micromark's character classes around a delimiter run (classifyCharacter); whitespace is 1.
const OTHER = undefined;
const PUNCTUATION = 2;

// Characters the scan stops at; everything else is copied as is.
const stops = new Uint8Array(128);
for (const char of '\\`*_[]!<&\n\r') stops[char.charCodeAt(0)] = 1;

/**
 * One pass over inline content, in the order micromark reads it: code spans,
 * autolinks, raw HTML, escapes and references as they come; links and images
 * at their `]` (with emphasis inside them settled then); the remaining
 * emphasis at the end. The content becomes a list of pieces whose text is
 * joined at the end, once emphasis has decided which markers vanish.
 */
export class InlineScanner {
  private readonly kinds: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly extras: number[] = [];
  private readonly values: string[] = [];
  private readonly delimiters = new Delimiters(this.extras);
  /** Every link made, also those inside images, which are dropped when rendering. */
  private readonly links: InlineLink[] = [];

  // Open `[` and `![`, innermost last.
  private readonly bracketPieces: number[] = [];
  private readonly bracketDelimiters: number[] = [];
  private readonly bracketImages: boolean[] = [];
  private bracketCount = 0;
  /** Links may not hold links: `[` opened before the last link's `[` can no longer make one. */
  private activeFrom = 0;

  /** Start of the text not yet put in a piece. */
  private pending = 0;

  private codeSpans: CodeSpanCloser | undefined;
  private html: HtmlTextScanner | undefined;
  private resources: LinkResourceReader | undefined;

  constructor(
    private readonly input: string,
    private readonly isDefined: (identifier: string) => boolean,
  ) {}

  scan(): InlineContent {
    const input = this.input;
    const length = input.length;
    let index = 0;
    while (index < length) {
      const code = input.charCodeAt(index);
      if (code >= 128 || stops[code] === 0) {
        index++;
        continue;
      }
      switch (code) {
        case BACKSLASH:
          index = this.backslash(index);
          break;
        case BACKTICK:
          index = this.backticks(index);
          break;
        case ASTERISK:
        case UNDERSCORE:
          index = this.delimiterRun(index, code);
          break;
        case LEFT_BRACKET:
          this.openBracket(index, index + 1, false);
          index++;
          break;
        case EXCLAMATION:
          if (input.charCodeAt(index + 1) === LEFT_BRACKET) {
            this.openBracket(index, index + 2, true);
            index += 2;
          } else {
            index++;
          }
          break;
        case RIGHT_BRACKET:
          index = this.closeBracket(index);
          break;
        case LESS_THAN:
          index = this.lessThan(index);
          break;
        case AMPERSAND:
          index = this.ampersand(index);
          break;
        default:
          index = this.lineEnding(index);
      }
    }
    // Trailing spaces and tabs of the content are no text.
    let end = length;
    while (end > this.pending && isSpaceOrTab(input.charCodeAt(end - 1))) end--;
    this.flush(end);
    this.delimiters.process(0);
    const links: InlineLink[] = [];
    const text = this.render(links);
    return { text, links };
  }

  private push(kind: number, start: number, end: number, extra: number): number {
    const piece = this.kinds.length;
    this.kinds.push(kind);
    this.starts.push(start);
    this.ends.push(end);
    this.extras.push(extra);
    return piece;
  }

  /** Puts the pending text up to `end` in a piece. */
  private flush(end: number): void {
    if (end > this.pending) this.push(TEXT, this.pending, end, 0);
  }

  private backslash(at: number): number {
    const next = this.input.charCodeAt(at + 1);
    if (isLineEnding(next)) {
      // Hard break: the backslash, the line ending and the next line's indentation show as nothing.
      this.flush(at);
      this.pending = skipSpacesAndTabs(this.input, afterLineEnding(this.input, at + 1));
      return this.pending;
    }
    if (isAsciiPunctuation(next)) {
      this.flush(at);
      this.push(TEXT, at + 1, at + 2, 0);
      this.pending = at + 2;
      return at + 2;
    }
    return at + 1;
  }

  private backticks(at: number): number {
    const input = this.input;
    let end = at + 1;
    while (input.charCodeAt(end) === BACKTICK) end++;
    this.codeSpans ??= new CodeSpanCloser(input);
    const close = this.codeSpans.find(end, end - at);
    // An unmatched run is literal text.
    if (close === -1) return end;
    this.flush(at);
    this.values.push(codeSpanValue(input, end, close));
    this.push(VALUE, at, close + end - at, this.values.length - 1);
    this.pending = close + end - at;
    return this.pending;
  }

  private delimiterRun(at: number, marker: number): number {
    const input = this.input;
    let end = at + 1;
    while (input.charCodeAt(end) === marker) end++;
    // micromark's classes: whitespace (the edges too), punctuation, or other (undefined).
    const before = classifyCharacter(at === 0 ? null : input.charCodeAt(at - 1));
    const after = classifyCharacter(end === input.length ? null : input.charCodeAt(end));
    // Left- and right-flanking, as micromark decides them.
    const leftFlanking = after === OTHER || (after === PUNCTUATION && before !== OTHER);
    const rightFlanking = before === OTHER || (before === PUNCTUATION && after !== OTHER);
    const canOpen = marker === ASTERISK ? leftFlanking : leftFlanking && (before !== OTHER || !rightFlanking);
    const canClose = marker === ASTERISK ? rightFlanking : rightFlanking && (after !== OTHER || !leftFlanking);
    if (!canOpen && !canClose) return end;
    this.flush(at);
    const piece = this.push(RUN, at, end, end - at);
    this.delimiters.push(piece, marker, canOpen, canClose);
    this.pending = end;
    return end;
  }

  private openBracket(at: number, end: number, image: boolean): void {
    this.flush(at);
    const top = this.bracketCount++;
    this.bracketPieces[top] = this.push(TEXT, at, end, 0);
    this.bracketDelimiters[top] = this.delimiters.size;
    this.bracketImages[top] = image;
    this.pending = end;
  }

  private closeBracket(at: number): number {
    if (this.bracketCount === 0) return at + 1;
    const top = this.bracketCount - 1;
    const openerPiece = this.bracketPieces[top]!;
    const image = this.bracketImages[top]!;
    if (!image && openerPiece < this.activeFrom) {
      // A `[` that would put a link in a link is just text, and so is this `]`.
      this.bracketCount--;
      return at + 1;
    }
    const input = this.input;
    const labelStart = this.ends[openerPiece]!;
    const next = input.charCodeAt(at + 1);
    let end = -1;
    let url: string | undefined;
    let identifier: string | undefined;
    if (next === LEFT_PAREN) {
      this.resources ??= new LinkResourceReader(input);
      end = this.resources.read(at + 1);
      if (end !== -1) url = this.resources.url;
    } else if (next === LEFT_BRACKET) {
      const referenceEnd = referenceLabelEnd(input, at + 1);
      if (referenceEnd !== -1) {
        identifier = labelIdentifier(input.slice(at + 2, referenceEnd - 1));
        if (identifier !== '' && this.isDefined(identifier)) end = referenceEnd;
      }
      if (end === -1 && input.charCodeAt(at + 2) === RIGHT_BRACKET) {
        // Collapsed: `[label][]`.
        identifier = this.definedLabel(labelStart, at);
        if (identifier !== undefined) end = at + 3;
      }
    }
    // A shortcut `[label]`, also when a resource after it fails; not when a `[` follows.
    if (end === -1 && next !== LEFT_BRACKET) {
      identifier = this.definedLabel(labelStart, at);
      if (identifier !== undefined) end = at + 1;
    }
    this.bracketCount--;
    if (end === -1) return at + 1;

    this.flush(at);
    this.delimiters.process(this.bracketDelimiters[top]!);
    const openerStart = this.starts[openerPiece]!;
    if (image) {
      // Nothing in an image shows as text, and links in it are no links.
      this.kinds[openerPiece] = IMAGE;
      this.extras[openerPiece] = this.push(IMAGE_END, at, end, 0);
    } else {
      const link: InlineLink = url === undefined ? { identifier: identifier!, text: '', start: openerStart, end } : { url, text: '', start: openerStart, end };
      this.kinds[openerPiece] = LINK_START;
      this.extras[openerPiece] = this.links.length;
      this.push(LINK_END, at, end, this.links.length);
      this.links.push(link);
      this.activeFrom = openerPiece + 1;
    }
    this.pending = end;
    return end;
  }

  /** The identifier of the label `input[start, end)` if a definition has it. */
  private definedLabel(start: number, end: number): string | undefined {
    if (hasUnescapedBracket(this.input, start, end)) return undefined;
    const identifier = labelIdentifier(this.input.slice(start, end));
    return identifier !== '' && this.isDefined(identifier) ? identifier : undefined;
  }

  private lessThan(at: number): number {
    const input = this.input;
    const autolink = autolinkEnd(input, at);
    if (autolink !== -1) {
      this.flush(at);
      const text = input.slice(at + 1, autolink - 1);
      const url = text.includes(':') ? text : `mailto:${text}`;
      this.push(LINK_START, at, at + 1, this.links.length);
      this.push(TEXT, at + 1, autolink - 1, 0);
      this.push(LINK_END, autolink - 1, autolink, this.links.length);
      this.links.push({ url, text: '', start: at, end: autolink });
      this.pending = autolink;
      return autolink;
    }
    this.html ??= new HtmlTextScanner(input);
    const html = this.html.end(at);
    if (html === -1) return at + 1;
    // Raw HTML shows as nothing.
    this.flush(at);
    this.pending = html;
    return html;
  }

  private ampersand(at: number): number {
    const value = readCharacterReference(this.input, at);
    if (value === undefined) return at + 1;
    this.flush(at);
    const end = this.input.indexOf(';', at) + 1;
    this.values.push(value);
    this.push(VALUE, at, end, this.values.length - 1);
    this.pending = end;
    return end;
  }

  /**
   * Spaces and tabs before a line ending are no text; two or more spaces (no
   * tab) make a hard break, which swallows the line ending too.
   */
  private lineEnding(at: number): number {
    const input = this.input;
    const after = afterLineEnding(input, at);
    const next = skipSpacesAndTabs(input, after);
    let trimmed = at;
    let tab = false;
    while (trimmed > this.pending) {
      const code = input.charCodeAt(trimmed - 1);
      if (code === TAB) tab = true;
      else if (code !== SPACE) break;
      trimmed--;
    }
    if (trimmed === at && next === after) return after;
    this.flush(trimmed);
    // The next line's indentation is no text either (code spans keep it).
    if (tab || at - trimmed < 2) this.push(TEXT, at, after, 0);
    this.pending = next;
    return next;
  }

  /** The text of all pieces; puts the links it passes, in order, in `links`. */
  private render(links: InlineLink[]): string {
    const { kinds, starts, ends, extras, values, input } = this;
    let text = '';
    // Where each link's text starts and ends; an autolink may sit in a link's text.
    const textStarts: number[] = [];
    const textEnds: number[] = [];
    // Links in the order they start, leaving out those inside images.
    const shown: number[] = [];
    for (let piece = 0; piece < kinds.length; piece++) {
      switch (kinds[piece]) {
        case TEXT:
          text += input.slice(starts[piece], ends[piece]);
          break;
        case VALUE:
          text += values[extras[piece]!];
          break;
        case RUN: {
          const count = extras[piece]!;
          if (count > 0) text += count === 1 ? input[starts[piece]!] : input[starts[piece]!]!.repeat(count);
          break;
        }
        case LINK_START:
          textStarts[extras[piece]!] = text.length;
          shown.push(extras[piece]!);
          break;
        case LINK_END:
          textEnds[extras[piece]!] = text.length;
          break;
        case IMAGE:
          piece = extras[piece]!;
          break;
      }
    }
    // Sliced only now: slicing the text while it grows would copy it each time.
    for (const index of shown) {
      const link = this.links[index]!;
      link.text = text.slice(textStarts[index], textEnds[index]);
      links.push(link);
    }
    return text;
  }
}

function afterLineEnding(input: string, at: number): number {
  return input.charCodeAt(at) === CR && input.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
}
