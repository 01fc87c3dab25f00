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
  #lineEndsDecided = false;

  /** `bytes`: chunks are bytes read one character per byte (`latin1`), kept as they are but for what is masked. */
  constructor(secrets: Iterable<string>, bytes = false) {
    this.#matcher = redactionMatcher(secrets, bytes);
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

  /** Text is held back, waiting for what comes next. */
  get holding(): boolean {
    return this.#pending.length > 0;
  }

  /**
   * The output paused: a tail held back only because an encoded secret
   * wrapped over lines might go on after its line break is passed on, so a
   * step's last line shows while it waits. Tails that end mid-line stay held.
   */
  settle(): RedactedPiece[] {
    this.#lineEndsDecided = true;
    try {
      return this.#release();
    } finally {
      this.#lineEndsDecided = false;
    }
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
    const holdFrom = holdStart(bothEnded ? text.length : this.#matcher.incompleteStart(text, this.#lineEndsDecided), spans);
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

  /**
   * Both streams' text: the merged view and each stream's own are searched,
   * and every occurrence found in any is masked. What lies inside one run is
   * the same in every view and searched once; the views differ only where
   * runs meet, searched in windows as wide as the longest form.
   */
  #releaseMixed(runs: readonly Run[]): RedactedPiece[] {
    const starts: number[] = [];
    let length = 0;
    for (const run of runs) {
      starts.push(length);
      length += run.text.length;
    }
    const merged = runs.map((run) => run.text).join('');
    const masked = new Uint8Array(length);
    // Each occurrence's extent in the merged text: first and past-last character.
    const covers: Span[] = [];
    const holds: number[] = [];
    const reach = this.#matcher.longest - 1;

    runs.forEach((run, index) => {
      const offset = starts[index] as number;
      for (const [start, end] of this.#matcher.find(run.text)) {
        masked.fill(1, offset + start, offset + end);
        covers.push([offset + start, offset + end]);
      }
    });
    // Only occurrences across a boundary are new; the rest were found above or at another boundary.
    const acrossJoins = (text: string, joins: readonly number[], toMerged: (index: number) => number): void => {
      for (const join of joins) {
        const from = Math.max(0, join - reach);
        for (const [start, end] of this.#matcher.find(text.slice(from, Math.min(text.length, join + reach)))) {
          if (from + start >= join || from + end <= join) continue;
          for (let index = from + start; index < from + end; index++) masked[toMerged(index)] = 1;
          covers.push([toMerged(from + start), toMerged(from + end - 1) + 1]);
        }
      }
    };
    acrossJoins(merged, starts.slice(1), (index) => index);
    if (this.#ended.size < 2) {
      const incomplete = this.#matcher.incompleteStart(merged, this.#lineEndsDecided);
      if (incomplete < length) holds.push(incomplete);
    }
    for (const stream of ['stdout', 'stderr'] as const) {
      const own = runs.flatMap((run, index) => (run.stream === stream ? [index] : []));
      if (own.length === 0) continue;
      const text = own.map((index) => (runs[index] as Run).text).join('');
      // Where each of the stream's runs starts in its own text, and in the merged one.
      const viewStarts: number[] = [];
      let at = 0;
      for (const index of own) {
        viewStarts.push(at);
        at += (runs[index] as Run).text.length;
      }
      const toMerged = (position: number): number => {
        let run = own.length - 1;
        while ((viewStarts[run] as number) > position) run--;
        return (starts[own[run] as number] as number) + position - (viewStarts[run] as number);
      };
      acrossJoins(text, viewStarts.slice(1), toMerged);
      if (this.#ended.has(stream)) continue;
      const incomplete = this.#matcher.incompleteStart(text, this.#lineEndsDecided);
      if (incomplete === text.length) continue;
      const from = toMerged(incomplete);
      // Past the limit the other stream's output goes on: the tail is decided for this stream alone.
      if (length - from <= CROSS_STREAM_HOLD_LIMIT) holds.push(from);
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
        const text = maskRuns(run.text, masked.subarray(offset, offset + until));
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

/** `text` up to the mask's length, each run of masked characters as one `***`. */
function maskRuns(text: string, masked: Uint8Array): string {
  let output = '';
  let cursor = 0;
  for (let start = masked.indexOf(1); start !== -1; ) {
    const end = masked.indexOf(0, start);
    output += text.slice(cursor, start) + REDACTED;
    cursor = end === -1 ? masked.length : end;
    start = end === -1 ? -1 : masked.indexOf(1, end);
  }
  return output + text.slice(cursor, masked.length);
}

/** Where to hold back from: a whole occurrence that the held tail cuts through is held back whole. */
function holdStart(incomplete: number, spans: readonly Span[]): number {
  let holdFrom = incomplete;
  for (const [start, end] of spans) {
    if (start < holdFrom && end > holdFrom) holdFrom = start;
  }
  return holdFrom;
}
