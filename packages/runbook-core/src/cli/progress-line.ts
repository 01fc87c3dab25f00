import type { Writable } from 'node:stream';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const clear = '\r\u001B[K';

export interface ProgressLineOptions {
  /** Draw at all: only on a terminal. */
  enabled: boolean;
  /** Milliseconds before the line first appears; short steps never show it. Default: 1000. */
  delayMs?: number;
  /** Milliseconds between redraws. Default: 125. */
  intervalMs?: number;
}

/**
 * One line at the bottom of the terminal saying what runs and for how long.
 * Output written through `write` goes above it: the line is cleared first and
 * drawn again once the output ends a line.
 */
export class ProgressLine {
  readonly #terminal: Writable;
  readonly #options: Required<ProgressLineOptions>;
  #label = '';
  #startedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #drawn = false;
  #midLine = false;
  #frame = 0;

  constructor(terminal: Writable, options: ProgressLineOptions) {
    this.#terminal = terminal;
    this.#options = { delayMs: 1000, intervalMs: 125, ...options };
  }

  start(label: string): void {
    this.stop();
    if (!this.#options.enabled) return;
    this.#label = label;
    this.#startedAt = Date.now();
    this.#midLine = false;
    this.#timer = setInterval(() => this.#draw(), this.#options.intervalMs);
    this.#timer.unref();
  }

  /** Writes output above the line. */
  write(stream: Writable, text: string): void {
    if (text === '') return;
    this.#erase();
    stream.write(text);
    this.#midLine = !text.endsWith('\n');
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#erase();
  }

  #draw(): void {
    const elapsed = Date.now() - this.#startedAt;
    if (elapsed < this.#options.delayMs || this.#midLine) return;
    this.#frame = (this.#frame + 1) % frames.length;
    this.#terminal.write(`${clear}${frames[this.#frame]} ${this.#label} ${(elapsed / 1000).toFixed(1)}s`);
    this.#drawn = true;
  }

  #erase(): void {
    if (!this.#drawn) return;
    this.#terminal.write(clear);
    this.#drawn = false;
  }
}
