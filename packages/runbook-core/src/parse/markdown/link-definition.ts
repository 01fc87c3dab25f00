import { isAsciiPunctuation, skipSpacesAndTabs } from './character-codes.ts';
import { decodeString } from 'micromark-util-decode-string';
import { labelIdentifier } from './inline/link-label.ts';

export interface LinkDefinition {
  /** Just past the definition: the line ending after it, or the end of `content`. */
  end: number;
  identifier: string;
  url: string;
}

const MAX_LABEL = 999;

/**
 * The link reference definition at `start` of a paragraph's content (its
 * lines joined by `\n`), if one is there.
 */
export function readLinkDefinition(content: string, start: number): LinkDefinition | undefined {
  if (content.charCodeAt(start) !== 91 /* [ */) return undefined;
  const labelEnd = findLabelEnd(content, start + 1);
  if (labelEnd === -1 || content.charCodeAt(labelEnd + 1) !== 58 /* : */) return undefined;
  const label = content.slice(start + 1, labelEnd);
  let index = skipWhitespace(content, labelEnd + 2, true);
  const destination = readDestination(content, index);
  if (destination === undefined) return undefined;
  index = destination.end;
  const url = decodeString(destination.raw);
  const definition = (end: number): LinkDefinition => ({ end, identifier: labelIdentifier(label), url });
  const afterDestination = skipSpacesAndTabs(content, index);
  const destinationEndsLine = isLineEnd(content, afterDestination);
  // A title, on this line or the next.
  const titleStart = skipWhitespace(content, index, true);
  if (titleStart > index) {
    const titleEnd = readTitleEnd(content, titleStart);
    if (titleEnd !== -1) {
      const after = skipSpacesAndTabs(content, titleEnd);
      if (isLineEnd(content, after)) return definition(after);
    }
  }
  return destinationEndsLine ? definition(afterDestination) : undefined;
}

function findLabelEnd(content: string, from: number): number {
  let nonBlank = false;
  for (let index = from; index < content.length && index - from <= MAX_LABEL; index++) {
    const code = content.charCodeAt(index);
    if (code === 92 /* \ */ && index + 1 < content.length) {
      nonBlank = true;
      index++;
    } else if (code === 91 /* [ */) {
      return -1;
    } else if (code === 93 /* ] */) {
      return nonBlank ? index : -1;
    } else if (code !== 32 && code !== 9 && code !== 10) {
      nonBlank = true;
    }
  }
  return -1;
}

function readDestination(content: string, start: number): { raw: string; end: number } | undefined {
  if (content.charCodeAt(start) === 60 /* < */) {
    for (let index = start + 1; index < content.length; index++) {
      const code = content.charCodeAt(index);
      if (code === 92 && index + 1 < content.length && content.charCodeAt(index + 1) !== 10) index++;
      else if (code === 62 /* > */) return { raw: content.slice(start + 1, index), end: index + 1 };
      else if (code === 60 || code === 10) return undefined;
    }
    return undefined;
  }
  let depth = 0;
  let index = start;
  for (; index < content.length; index++) {
    const code = content.charCodeAt(index);
    if (code <= 32 || code === 127) break;
    if (code === 92 && index + 1 < content.length && isAsciiPunctuation(content.charCodeAt(index + 1))) index++;
    else if (code === 40 /* ( */) depth++;
    else if (code === 41 /* ) */ && depth-- === 0) break;
  }
  if (index === start || depth !== 0) return undefined;
  return { raw: content.slice(start, index), end: index };
}

function readTitleEnd(content: string, start: number): number {
  const open = content.charCodeAt(start);
  const close = open === 40 ? 41 : open;
  if (open !== 34 && open !== 39 && open !== 40) return -1;
  for (let index = start + 1; index < content.length; index++) {
    const code = content.charCodeAt(index);
    if (code === 92 && index + 1 < content.length) index++;
    else if (code === close) return index + 1;
    else if (open === 40 && code === 40) return -1;
  }
  return -1;
}

// Spaces and tabs with at most one line ending among them.
function skipWhitespace(content: string, index: number, oneLineEnding: boolean): number {
  let at = skipSpacesAndTabs(content, index);
  if (oneLineEnding && content.charCodeAt(at) === 10) at = skipSpacesAndTabs(content, at + 1);
  return at;
}

function isLineEnd(content: string, index: number): boolean {
  return index >= content.length || content.charCodeAt(index) === 10;
}
