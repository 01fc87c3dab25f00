import type { SecretMatcher, Span } from './secret-matcher.ts';
import { REDACTED, redactionMatcher } from './stream-redactor.ts';

export type OutputStream = 'stdout' | 'stderr';

/** Redacted output of one stream, in the order it was produced. */
export interface RedactedPiece {
  stream: OutputStream;
  text: string;
}

/**
 * How much of the merged output one stream's undecided tail may hold back.
 * Past it the tail is decided for that stream alone: a secret whose parts are
 * this far apart in the merged output is still whole in neither it nor the
 * log, but could be in that one stream's own text.
 */
export const CROSS_STREAM_HOLD_LIMIT = 64 * 1024;

interface Run {
  stream: OutputStream;
  text: string;
}

/**
 * One redactor for a step's two output streams, fed chunks in the order they
 * arrive. A secret (or an encoded form of it) is never passed on whole in the
 * merged output, in stdout's own text or in stderr's, however it is cut:
 * across chunks, or half on stdout and half on stderr. Only what could still
 * grow into one is held back.
 */
export class InterleavedRedactor {
  readonly #matcher: SecretMatcher;
  readonly #ended = new Set<OutputStream>();
  /** Text not passed on yet, in arrival order. */
  #pending: Run[] = [];

  constructor(secrets: Iterable<string>) {
    this.#matcher = redactionMatcher(secrets);
  }

  /** What may be passed on now, in order. */
  push(stream: OutputStream, chunk: string): RedactedPiece[] {
    if (chunk === '') return [];
    const last = this.#pending[this.#pending.length - 1];
    if (last?.stream === stream) last.text += chunk;
    else this.#pending.push({ stream, text: chunk });
    return this.#release();
  }

  /** The stream ended: its tail is decided (the other may still complete a secret across both). */
  end(stream: OutputStream): RedactedPiece[] {
    this.#ended.add(stream);
    return this.#release();
  }

  /** Both streams ended: everything left, redacted. */
  finish(): RedactedPiece[] {
    this.#ended.add('stdout').add('stderr');
    return this.#release();
  }

  #release(): RedactedPiece[] {
    const runs = this.#pending;
    if (runs.length === 0) return [];
    if (this.#matcher.empty) {
      this.#pending = [];
      return runs;
    }
    return runs.length === 1 ? this.#releaseOne(runs[0] as Run) : this.#releaseMixed(runs);
  }

  /** One stream's text only: it is the merged view too. */
  #releaseOne(run: Run): RedactedPiece[] {
    const text = run.text;
    const spans = this.#matcher.find(text);
    const bothEnded = this.#ended.size === 2;
    const holdFrom = holdStart(bothEnded ? text.length : this.#matcher.incompleteStart(text), spans);
    this.#pending = holdFrom < text.length ? [{ stream: run.stream, text: text.slice(holdFrom) }] : [];
    if (holdFrom === 0) return [];
    let output = '';
    let cursor = 0;
    for (const [start, end] of spans) {
      if (start >= holdFrom) break;
      output += text.slice(cursor, start) + REDACTED;
      cursor = end;
    }
    return [{ stream: run.stream, text: output + text.slice(cursor, holdFrom) }];
  }

  /** Both streams' text: the merged view and each stream's own are searched, and every occurrence found in any is masked. */
  #releaseMixed(runs: readonly Run[]): RedactedPiece[] {
    const merged = runs.map((run) => run.text).join('');
    const length = merged.length;
    const masked = new Uint8Array(length);
    // Each occurrence's extent in the merged text: first and past-last character.
    const covers: Span[] = [];
    const holds: number[] = [];

    const search = (text: string, toMerged: ((index: number) => number) | undefined, ended: boolean): void => {
      for (const [start, end] of this.#matcher.find(text)) {
        if (toMerged === undefined) {
          masked.fill(1, start, end);
          covers.push([start, end]);
          continue;
        }
        for (let index = start; index < end; index++) masked[toMerged(index)] = 1;
        covers.push([toMerged(start), toMerged(end - 1) + 1]);
      }
      if (ended) return;
      const incomplete = this.#matcher.incompleteStart(text);
      if (incomplete === text.length) return;
      const from = toMerged === undefined ? incomplete : toMerged(incomplete);
      if (toMerged === undefined || length - from <= CROSS_STREAM_HOLD_LIMIT) holds.push(from);
    };

    search(merged, undefined, this.#ended.size === 2);
    for (const stream of ['stdout', 'stderr'] as const) {
      const { text, positions } = streamView(runs, stream);
      if (text !== '') search(text, (index) => positions[index] as number, this.#ended.has(stream));
    }

    let holdFrom = Math.min(length, ...holds);
    for (let moved = true; moved; ) {
      moved = false;
      for (const [start, end] of covers) {
        if (start < holdFrom && end > holdFrom) {
          holdFrom = start;
          moved = true;
        }
      }
    }
    return this.#emit(runs, masked, holdFrom);
  }

  /** Passes on the text before `holdFrom`, masked runs of characters as `***`; keeps the rest. */
  #emit(runs: readonly Run[], masked: Uint8Array, holdFrom: number): RedactedPiece[] {
    const pieces: RedactedPiece[] = [];
    const kept: Run[] = [];
    let offset = 0;
    for (const run of runs) {
      const until = Math.min(run.text.length, holdFrom - offset);
      if (until > 0) {
        let text = '';
        let inMask = false;
        for (let index = 0; index < until; index++) {
          if (masked[offset + index] === 1) {
            if (!inMask) text += REDACTED;
            inMask = true;
          } else {
            text += run.text[index];
            inMask = false;
          }
        }
        const previous = pieces[pieces.length - 1];
        if (previous?.stream === run.stream) previous.text += text;
        else pieces.push({ stream: run.stream, text });
      }
      if (until < run.text.length) kept.push({ stream: run.stream, text: run.text.slice(Math.max(0, until)) });
      offset += run.text.length;
    }
    this.#pending = kept;
    return pieces;
  }
}

/** One stream's characters of the pending text, and where each sits in the merged text. */
function streamView(runs: readonly Run[], stream: OutputStream): { text: string; positions: Int32Array } {
  let size = 0;
  for (const run of runs) if (run.stream === stream) size += run.text.length;
  const positions = new Int32Array(size);
  let text = '';
  let offset = 0;
  let at = 0;
  for (const run of runs) {
    if (run.stream === stream) {
      text += run.text;
      for (let index = 0; index < run.text.length; index++) positions[at++] = offset + index;
    }
    offset += run.text.length;
  }
  return { text, positions };
}

/** Where to hold back from: a whole occurrence that the held tail cuts through is held back whole. */
function holdStart(incomplete: number, spans: readonly Span[]): number {
  let holdFrom = incomplete;
  for (const [start, end] of spans) {
    if (start < holdFrom && end > holdFrom) holdFrom = start;
  }
  return holdFrom;
}
