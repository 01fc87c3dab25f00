/** What a secret value becomes wherever output goes. */
export const REDACTED = '***';

/**
 * Values shorter than this are not redacted: masking every `ab` or `42` would
 * wreck the output and, by the pattern of `***`, hint at the value anyway.
 */
export const MIN_SECRET_LENGTH = 4;

/**
 * The values worth redacting: long enough, deduplicated, and also their
 * trimmed form (a token read from a file often keeps its newline).
 */
export function usableSecrets(values: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    for (const candidate of [value, value.trim()]) {
      if (candidate.length >= MIN_SECRET_LENGTH) found.add(candidate);
    }
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/**
 * Replaces secret values by `***` in a stream of text chunks. A value split
 * across chunks is still found: the tail that could be the start of a value
 * is held back until the next chunk (or `flush`) decides it.
 */
export class StreamRedactor {
  readonly #secrets: string[];
  readonly #longest: number;
  #pending = '';

  constructor(secrets: Iterable<string>) {
    this.#secrets = usableSecrets(secrets);
    this.#longest = this.#secrets[0]?.length ?? 0;
  }

  /** Text safe to pass on now; may be shorter than what came in. */
  push(chunk: string): string {
    const text = this.#pending + chunk;
    if (this.#secrets.length === 0) return text;
    const intervals = this.#matches(text);
    let holdFrom = this.#incompleteMatchStart(text);
    for (const [start, end] of intervals) {
      if (start < holdFrom && end > holdFrom) holdFrom = start;
    }
    this.#pending = text.slice(holdFrom);
    return replaceIntervals(text, intervals, holdFrom);
  }

  /** Everything held back, redacted; call once the stream has ended. */
  flush(): string {
    const text = this.#pending;
    this.#pending = '';
    return replaceIntervals(text, this.#matches(text), text.length);
  }

  /** Occurrences of any secret, overlapping ones merged, in order. */
  #matches(text: string): Array<[number, number]> {
    const found: Array<[number, number]> = [];
    for (const secret of this.#secrets) {
      for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
        found.push([at, at + secret.length]);
      }
    }
    found.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const interval of found) {
      const last = merged[merged.length - 1];
      if (last && interval[0] < last[1]) last[1] = Math.max(last[1], interval[1]);
      else merged.push(interval);
    }
    return merged;
  }

  /** First position whose rest of text could still grow into a secret. */
  #incompleteMatchStart(text: string): number {
    for (let at = Math.max(0, text.length - this.#longest + 1); at < text.length; at++) {
      const rest = text.slice(at);
      if (this.#secrets.some((secret) => secret.length > rest.length && secret.startsWith(rest))) return at;
    }
    return text.length;
  }
}

/** Redacts one complete text. */
export function redactText(text: string, secrets: Iterable<string>): string {
  const redactor = new StreamRedactor(secrets);
  return redactor.push(text) + redactor.flush();
}

function replaceIntervals(text: string, intervals: ReadonlyArray<[number, number]>, until: number): string {
  let output = '';
  let cursor = 0;
  for (const [start, end] of intervals) {
    if (start >= until) break;
    output += text.slice(cursor, start) + REDACTED;
    cursor = end;
  }
  return output + text.slice(cursor, until);
}
