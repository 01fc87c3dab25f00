import { secretForms } from './secret-encodings.ts';
import { SecretMatcher, type Span } from './secret-matcher.ts';

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
 * What is looked for in output: every usable secret and its encoded forms
 * (see `secretForms`), the encoded ones also wrapped over lines. `bytes`:
 * for output read as bytes, one character per byte (`latin1`), each form as
 * its UTF-8 bytes.
 */
export function redactionMatcher(secrets: Iterable<string>, bytes = false): SecretMatcher {
  const usable = usableSecrets(secrets);
  const asRead = bytes ? (form: string) => Buffer.from(form, 'utf8').toString('latin1') : (form: string) => form;
  const encoded = usable.flatMap(secretForms).filter((form) => !usable.includes(form));
  return new SecretMatcher(usable.map(asRead), encoded.map(asRead));
}

/**
 * Replaces secret values, and their hex, URL and base64 forms, by `***` in
 * one stream of text chunks. A value split across chunks is still found: the
 * tail that could be the start of one is held back until the next chunk (or
 * `flush`) decides it. A step's two output streams go through one
 * `InterleavedRedactor` instead, which also sees a value split between them.
 */
export class StreamRedactor {
  readonly #matcher: SecretMatcher;
  #pending = '';

  constructor(secrets: Iterable<string>) {
    this.#matcher = redactionMatcher(secrets);
  }

  /** Text safe to pass on now; may be shorter than what came in. */
  push(chunk: string): string {
    const text = this.#pending + chunk;
    if (this.#matcher.empty) return text;
    const spans = this.#matcher.find(text);
    const holdFrom = holdStart(this.#matcher.incompleteStart(text), spans);
    this.#pending = text.slice(holdFrom);
    return replaceSpans(text, spans, holdFrom);
  }

  /** Everything held back, redacted; call once the stream has ended. */
  flush(): string {
    const text = this.#pending;
    this.#pending = '';
    return replaceSpans(text, this.#matcher.find(text), text.length);
  }
}

/** Redacts one complete text. */
export function redactText(text: string, secrets: Iterable<string>): string {
  const redactor = new StreamRedactor(secrets);
  return redactor.push(text) + redactor.flush();
}

/** Where to hold back from: a whole occurrence that the held tail cuts through is held back whole. */
function holdStart(incomplete: number, spans: readonly Span[]): number {
  let holdFrom = incomplete;
  for (const [start, end] of spans) {
    if (start < holdFrom && end > holdFrom) holdFrom = start;
  }
  return holdFrom;
}

function replaceSpans(text: string, spans: readonly Span[], until: number): string {
  let output = '';
  let cursor = 0;
  for (const [start, end] of spans) {
    if (start >= until) break;
    output += text.slice(cursor, start) + REDACTED;
    cursor = end;
  }
  return output + text.slice(cursor, until);
}
