/** A range of text, `[start, end)`. */
export type Span = [start: number, end: number];

/**
 * Finds a fixed set of strings (secrets and their encoded forms) in text:
 * every occurrence, and where an occurrence may be starting at the end of
 * the text but is not whole yet.
 */
export class SecretMatcher {
  readonly #patterns: string[];
  /** Patterns by their first character: most positions start none. */
  readonly #byFirst = new Map<string, string[]>();
  readonly longest: number;

  constructor(patterns: Iterable<string>) {
    this.#patterns = [...new Set(patterns)].filter((pattern) => pattern !== '').sort((a, b) => b.length - a.length);
    this.longest = this.#patterns[0]?.length ?? 0;
    for (const pattern of this.#patterns) {
      const first = pattern[0] as string;
      const list = this.#byFirst.get(first);
      if (list) list.push(pattern);
      else this.#byFirst.set(first, [pattern]);
    }
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

  /** The first position from which the rest of `text` is the start of a pattern, not the whole of it; `text.length` if none. */
  incompleteStart(text: string): number {
    for (let at = Math.max(0, text.length - this.longest + 1); at < text.length; at++) {
      const candidates = this.#byFirst.get(text[at] as string);
      if (candidates === undefined) continue;
      const rest = text.slice(at);
      for (const pattern of candidates) {
        if (pattern.length > rest.length && pattern.startsWith(rest)) return at;
      }
    }
    return text.length;
  }
}
