import type { Writable } from 'node:stream';
import { BoundedText } from './bounded-text.ts';
import type { StepOutputEvent } from './step-event.ts';
import { StreamRedactor } from './stream-redactor.ts';

export type OutputStream = 'stdout' | 'stderr';

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
 * Where a step's output goes, redacted first: events, bounded in-memory
 * copies, and the log file. `write` returns `false` while the log is
 * behind, so the caller can pause reading (memory stays bounded).
 */
export class OutputCollector {
  readonly #options: OutputCollectorOptions;
  readonly #redactors: Record<OutputStream, StreamRedactor>;
  readonly #texts: Record<OutputStream | 'output', BoundedText>;

  constructor(options: OutputCollectorOptions) {
    this.#options = options;
    const secrets = [...options.secrets];
    this.#redactors = { stdout: new StreamRedactor(secrets), stderr: new StreamRedactor(secrets) };
    const bounded = (): BoundedText => new BoundedText(options.bufferHead, options.bufferTail);
    this.#texts = { stdout: bounded(), stderr: bounded(), output: bounded() };
  }

  write(stream: OutputStream, chunk: string): boolean {
    return this.#pass(stream, this.#redactors[stream].push(chunk));
  }

  /** The stream ended: pass on what the redactor held back. */
  end(stream: OutputStream): boolean {
    return this.#pass(stream, this.#redactors[stream].flush());
  }

  collected(logFile?: string): CollectedOutput {
    const marker = (dropped: number): string => `\n[… ${dropped} characters omitted${logFile ? `; the full output is in ${logFile}` : ''} …]\n`;
    const { stdout, stderr, output } = this.#texts;
    const collected: CollectedOutput = { stdout: stdout.toString(marker), stderr: stderr.toString(marker), output: output.toString(marker) };
    if (output.dropped > 0 || stdout.dropped > 0 || stderr.dropped > 0) {
      collected.truncated = { stdout: stdout.dropped, stderr: stderr.dropped, output: output.dropped };
    }
    return collected;
  }

  #pass(stream: OutputStream, text: string): boolean {
    if (text === '') return true;
    this.#texts[stream].append(text);
    this.#texts.output.append(text);
    this.#options.emit({ type: stream, chunk: text, time: Date.now() });
    const log = this.#options.log;
    // A log that failed (disk full) is given up; the run and the other outputs go on.
    return log && !log.destroyed ? log.write(text) : true;
  }
}
