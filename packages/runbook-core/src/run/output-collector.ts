import type { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { BoundedText } from './bounded-text.ts';
import type { StepOutputEvent } from './step-event.ts';
import { InterleavedRedactor, type OutputStream, type RedactedPiece } from './interleaved-redactor.ts';
import { logTruncationMarker } from './log-limit.ts';

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
  /** Receives the whole redacted output, as the bytes the step wrote. */
  log?: Writable;
  /** Bytes written to the log at most; past them a marker line, then nothing. Default: no limit. */
  logLimit?: number;
  /** A promise returned here (a sink that is behind) pauses reading until it settles. */
  emit(event: StepOutputEvent): unknown;
}

/** What makes the reader wait for the log: whichever comes first. */
const logEvents = ['drain', 'error', 'close'] as const;

/** Quiet output for this long lets a line held back for a wrapped encoding through (see `InterleavedRedactor.settle`). */
export const SETTLE_AFTER_MS = 250;

/**
 * Where a step's output goes, redacted first by one redactor that sees both
 * streams in the order they were produced: events, bounded in-memory copies
 * (stdout, stderr and both merged), and the log file (both merged, bytes as
 * written: binary output stays binary). Redaction works on the bytes (one
 * character per byte), so a secret is masked whatever surrounds it; events
 * and the in-memory copies are that output decoded as UTF-8. `write`
 * returns `false` while the log or the event sink is behind: the caller
 * pauses reading until `ready()` settles (memory stays bounded).
 */
export class OutputCollector {
  readonly #options: OutputCollectorOptions;
  readonly #redactor: InterleavedRedactor;
  readonly #texts: Record<OutputStream | 'output', BoundedText>;
  readonly #decoders: Record<OutputStream, StringDecoder> = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  readonly #logLimit: number;
  #logged = 0;
  #logTruncatedAt: number | undefined;
  #sinkBehind: Array<Promise<unknown>> = [];
  #settleTimer: NodeJS.Timeout | undefined;
  #finished = false;

  constructor(options: OutputCollectorOptions) {
    this.#options = options;
    this.#redactor = new InterleavedRedactor(options.secrets, true);
    this.#logLimit = options.logLimit ?? Number.POSITIVE_INFINITY;
    const bounded = (): BoundedText => new BoundedText(options.bufferHead, options.bufferTail);
    this.#texts = { stdout: bounded(), stderr: bounded(), output: bounded() };
  }

  /** Output as read: bytes, or text (a terminal's), passed on as its UTF-8 bytes. */
  write(stream: OutputStream, chunk: Buffer | string): boolean {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const keepReading = this.#passAll(this.#redactor.push(stream, bytes.toString('latin1')));
    this.#settleWhenQuiet();
    return keepReading;
  }

  /** The stream ended: pass on what the redactor held back for it alone. */
  end(stream: OutputStream): boolean {
    const keepReading = this.#passAll(this.#redactor.end(stream));
    this.#settleWhenQuiet();
    return keepReading;
  }

  /** Reading is over (the streams ended, or were given up): pass on everything held back. Call before closing the log. */
  finish(): void {
    this.#finished = true;
    clearTimeout(this.#settleTimer);
    this.#passAll(this.#redactor.finish());
    for (const stream of ['stdout', 'stderr'] as const) this.#show(stream, this.#decoders[stream].end());
  }

  /** Settles once the log and the event sink have caught up (or failed): reading may go on. */
  async ready(): Promise<void> {
    const waits = this.#sinkBehind;
    this.#sinkBehind = [];
    const log = this.#options.log;
    if (log?.writableNeedDrain && !log.destroyed) {
      waits.push(
        new Promise<void>((resolve) => {
          const done = (): void => {
            for (const event of logEvents) log.off(event, done);
            resolve();
          };
          for (const event of logEvents) log.once(event, done);
        }),
      );
    }
    await Promise.all(waits);
  }

  /** Where the log was cut (its size before the marker line), when the output passed `logLimit`. */
  get logTruncatedAt(): number | undefined {
    return this.#logTruncatedAt;
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

  #settleWhenQuiet(): void {
    clearTimeout(this.#settleTimer);
    if (this.#finished || !this.#redactor.holding) return;
    this.#settleTimer = setTimeout(() => this.#finished || this.#passAll(this.#redactor.settle()), SETTLE_AFTER_MS);
    this.#settleTimer.unref();
  }

  #passAll(pieces: readonly RedactedPiece[]): boolean {
    let keepReading = true;
    for (const piece of pieces) keepReading = this.#pass(piece.stream, piece.text) && keepReading;
    return keepReading;
  }

  #pass(stream: OutputStream, text: string): boolean {
    if (text === '') return true;
    const bytes = Buffer.from(text, 'latin1');
    const logKeepsUp = this.#toLog(bytes);
    return this.#show(stream, this.#decoders[stream].write(bytes)) && logKeepsUp;
  }

  /** Decoded text to the in-memory copies and the event sink; `false` when the sink is behind. */
  #show(stream: OutputStream, text: string): boolean {
    if (text === '') return true;
    this.#texts[stream].append(text);
    this.#texts.output.append(text);
    const returned = this.#options.emit({ type: stream, chunk: text, time: Date.now() });
    if (!(returned instanceof Promise)) return true;
    // Its failure is the emitter's to report; here it only means reading may go on.
    this.#sinkBehind.push(returned.catch(() => {}));
    return false;
  }

  /** `false` while the log is behind. A log that failed (disk full) is given up here; the run reports it. */
  #toLog(bytes: Buffer): boolean {
    const log = this.#options.log;
    if (!log || log.destroyed || log.writableEnded || this.#logTruncatedAt !== undefined) return true;
    const room = this.#logLimit - this.#logged;
    if (bytes.length <= room) {
      this.#logged += bytes.length;
      return log.write(bytes);
    }
    this.#logTruncatedAt = this.#logLimit;
    this.#logged = this.#logLimit;
    return log.write(Buffer.concat([bytes.subarray(0, room), Buffer.from(logTruncationMarker(this.#logLimit))]));
  }
}
