import type { Writable } from 'node:stream';
import { BoundedText } from './bounded-text.ts';
import type { StepOutputEvent } from './step-event.ts';
import { InterleavedRedactor, type OutputStream, type RedactedPiece } from './interleaved-redactor.ts';

export type { OutputStream } from './interleaved-redactor.ts';

export interface CollectedOutput {
  stdout: string;
  stderr: string;
  output: string;
  truncated?: { stdout: number; stderr: number; output: number };
}

export interface OutputCollectorOptions {
  secrets: Iterable<string>;
  bufferHead: number;
  bufferTail: number;
  /** Receives the whole redacted output. */
  log?: Writable;
  emit(event: StepOutputEvent): void;
}

/**
 * Where a step's output goes, redacted first by one redactor that sees both
 * streams in the order they were produced: events, bounded in-memory copies
 * (stdout, stderr and both merged), and the log file (both merged). `write`
 * returns `false` while the log is behind, so the caller can pause reading
 * (memory stays bounded).
 */
export class OutputCollector {
  readonly #options: OutputCollectorOptions;
  readonly #redactor: InterleavedRedactor;
  readonly #texts: Record<OutputStream | 'output', BoundedText>;

  constructor(options: OutputCollectorOptions) {
    this.#options = options;
    this.#redactor = new InterleavedRedactor(options.secrets);
    const bounded = (): BoundedText => new BoundedText(options.bufferHead, options.bufferTail);
    this.#texts = { stdout: bounded(), stderr: bounded(), output: bounded() };
  }

  write(stream: OutputStream, chunk: string): boolean {
    return this.#passAll(this.#redactor.push(stream, chunk));
  }

  /** The stream ended: pass on what the redactor held back for it alone. */
  end(stream: OutputStream): boolean {
    return this.#passAll(this.#redactor.end(stream));
  }

  /** Reading is over (the streams ended, or were given up): pass on everything held back. Call before closing the log. */
  finish(): void {
    this.#passAll(this.#redactor.finish());
  }

  /** The outputs, bounded; finishes first if that was not done. */
  collected(logFile?: string): CollectedOutput {
    this.finish();
    const marker = (dropped: number): string => `\n[… ${dropped} characters omitted${logFile ? `; the full output is in ${logFile}` : ''} …]\n`;
    const { stdout, stderr, output } = this.#texts;
    const collected: CollectedOutput = { stdout: stdout.toString(marker), stderr: stderr.toString(marker), output: output.toString(marker) };
    if (output.dropped > 0 || stdout.dropped > 0 || stderr.dropped > 0) {
      collected.truncated = { stdout: stdout.dropped, stderr: stderr.dropped, output: output.dropped };
    }
    return collected;
  }

  #passAll(pieces: readonly RedactedPiece[]): boolean {
    let keepReading = true;
    for (const piece of pieces) keepReading = this.#pass(piece.stream, piece.text) && keepReading;
    return keepReading;
  }

  #pass(stream: OutputStream, text: string): boolean {
    if (text === '') return true;
    this.#texts[stream].append(text);
    this.#texts.output.append(text);
    this.#options.emit({ type: stream, chunk: text, time: Date.now() });
    const log = this.#options.log;
    // A log that failed (disk full) is given up; the run and the other outputs go on.
    return log && !log.destroyed && !log.writableEnded ? log.write(text) : true;
  }
}
