/** A range of text, `[start, end)`. */
export type Span = [start: number, end: number];

/**
 * Finds a fixed set of strings (secrets and their encoded forms) in text:
 * every occurrence, and where an occurrence may be starting at the end of
 * the text but is not whole yet. A wrappable pattern (an encoded form) is
 * also found with a line break (`\n` or `\r\n`) between any two of its
 * characters, as `base64` and `xxd -p` print long values.
 */
export class SecretMatcher {
  readonly #patterns: string[];
  /** Patterns by their first character: most positions start none. */
  readonly #byFirst = new Map<string, string[]>();
  readonly #wrappable = new Set<string>();
  /** One expression per wrappable pattern: its characters with an optional line break between each two. */
  readonly #wrapped: RegExp[] = [];
  /** The widest text an occurrence can span (a wrapped one: a `\r\n` between every two characters). */
  readonly longest: number;

  constructor(patterns: Iterable<string>, wrappable: Iterable<string> = []) {
    const wrappableSet = new Set([...wrappable].filter((pattern) => pattern.length > 1));
    this.#patterns = [...new Set([...patterns, ...wrappableSet])].filter((pattern) => pattern !== '').sort((a, b) => b.length - a.length);
    let longest = 0;
    for (const pattern of this.#patterns) {
      const first = pattern[0] as string;
      const list = this.#byFirst.get(first);
      if (list) list.push(pattern);
      else this.#byFirst.set(first, [pattern]);
      const wraps = wrappableSet.has(pattern);
      if (wraps) {
        this.#wrappable.add(pattern);
        this.#wrapped.push(new RegExp([...pattern].map(escapeRegExp).join('(?:\\r?\\n)?'), 'g'));
      }
      longest = Math.max(longest, wraps ? 3 * pattern.length - 2 : pattern.length);
    }
    this.longest = longest;
  }

  get empty(): boolean {
    return this.#patterns.length === 0;
  }

  /** Occurrences of any pattern, overlapping ones merged, in order. */
  find(text: string): Span[] {
    const found: Span[] = [];
    for (const pattern of this.#patterns) {
      for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) found.push([at, at + pattern.length]);
    }
    // Without a line break a wrapped occurrence is a plain one, found above.
    if (this.#wrapped.length > 0 && text.includes('\n')) {
      for (const expression of this.#wrapped) {
        expression.lastIndex = 0;
        for (let match = expression.exec(text); match !== null; match = expression.exec(text)) {
          if (match[0].includes('\n')) found.push([match.index, match.index + match[0].length]);
          expression.lastIndex = match.index + 1;
        }
      }
    }
    if (found.length < 2) return found;
    found.sort((a, b) => a[0] - b[0]);
    const merged: Span[] = [];
    for (const span of found) {
      const last = merged[merged.length - 1];
      if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push(span);
    }
    return merged;
  }

  /**
   * The first position from which the rest of `text` is the start of a
   * pattern, not the whole of it; `text.length` if none. `lineEndsDecided`:
   * a wrapped start that ends with a line break does not count (the output
   * paused there, see `InterleavedRedactor.settle`).
   */
  incompleteStart(text: string, lineEndsDecided = false): number {
    for (let at = Math.max(0, text.length - this.longest + 1); at < text.length; at++) {
      const candidates = this.#byFirst.get(text[at] as string);
      if (candidates === undefined) continue;
      const rest = text.slice(at);
      for (const pattern of candidates) {
        if (pattern.length > rest.length && pattern.startsWith(rest)) return at;
        if (this.#wrappable.has(pattern) && isWrappedPrefix(rest, pattern, lineEndsDecided)) return at;
      }
    }
    return text.length;
  }
}

/** `rest` is the start, not the whole, of `pattern` with line breaks between its characters. */
function isWrappedPrefix(rest: string, pattern: string, lineEndsDecided: boolean): boolean {
  let matched = 0;
  let gap: '' | '\r' | '\n' = '';
  for (let index = 0; index < rest.length; index++) {
    const character = rest[index];
    if (gap !== '\r' && matched < pattern.length && character === pattern[matched]) {
      matched++;
      gap = '';
    } else if (matched === 0 || matched === pattern.length) return false;
    else if (character === '\r' && gap === '') gap = '\r';
    else if (character === '\n' && gap !== '\n') gap = '\n';
    else return false;
  }
  return matched < pattern.length && !(lineEndsDecided && gap !== '');
}

function escapeRegExp(character: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(character) ? `\\${character}` : character;
}
