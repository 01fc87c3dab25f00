import { BACKTICK, CR, LF, SPACE } from '../character-codes.ts';

/**
 * Finds the backtick run that closes a code span. Remembers, per run length,
 * the last run seen; once one search has reached the end of the input, an
 * opener whose length has no run after it fails at once, so a line of
 * unmatched backtick runs costs linear time, not quadratic.
 */
export class CodeSpanCloser {
  private readonly lastRunAt = new Map<number, number>();
  private searchedToEnd = false;

  constructor(private readonly input: string) {}

  /** Start of the first run of exactly `length` backticks at or after `from`, or -1. */
  find(from: number, length: number): number {
    const input = this.input;
    if (this.searchedToEnd && !((this.lastRunAt.get(length) ?? -1) >= from)) return -1;
    let at = input.indexOf('`', from);
    while (at !== -1) {
      let end = at + 1;
      while (input.charCodeAt(end) === BACKTICK) end++;
      if (!((this.lastRunAt.get(end - at) ?? -1) >= at)) this.lastRunAt.set(end - at, at);
      if (end - at === length) return at;
      at = input.indexOf('`', end);
    }
    this.searchedToEnd = true;
    return -1;
  }
}

function isPadding(code: number): boolean {
  return code === SPACE || code === LF || code === CR;
}

/**
 * The value mdast gives the code span whose content is `input[start, end)`:
 * the content as is (line endings included), minus one space or line ending
 * on each side when both sides have one and the content is not all padding.
 */
export function codeSpanValue(input: string, start: number, end: number): string {
  if (end - start < 2 || !isPadding(input.charCodeAt(start)) || !isPadding(input.charCodeAt(end - 1))) return input.slice(start, end);
  let index = start;
  while (index < end && isPadding(input.charCodeAt(index))) index++;
  if (index === end) return input.slice(start, end);
  const head = input.charCodeAt(start) === CR && input.charCodeAt(start + 1) === LF ? 2 : 1;
  const tail = input.charCodeAt(end - 1) === LF && input.charCodeAt(end - 2) === CR ? 2 : 1;
  return input.slice(start + head, end - tail);
}
