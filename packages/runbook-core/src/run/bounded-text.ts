/**
 * Keeps the first `head` and the last `tail` characters of a text that may
 * grow without limit, and counts what fell out between them.
 */
export class BoundedText {
  readonly #headLimit: number;
  readonly #tailLimit: number;
  #head = '';
  #tail = '';
  #length = 0;

  constructor(headLimit: number, tailLimit: number) {
    this.#headLimit = headLimit;
    this.#tailLimit = tailLimit;
  }

  append(text: string): void {
    this.#length += text.length;
    const room = this.#headLimit - this.#head.length;
    if (room > 0 && this.#tail === '') {
      this.#head += text.slice(0, room);
      text = text.slice(room);
    }
    if (text === '') return;
    this.#tail += text;
    // Trim only once the tail is twice its limit, so trimming costs O(1) per character.
    if (this.#tail.length > 2 * this.#tailLimit + 1024) this.#tail = keepLast(this.#tail, this.#tailLimit);
  }

  /** Characters appended but no longer kept. */
  get dropped(): number {
    return this.#length - this.#head.length - Math.min(this.#tail.length, this.#tailLimit);
  }

  /** Head and tail, with `marker(dropped)` between them when something was dropped. */
  toString(marker: (dropped: number) => string = defaultMarker): string {
    const tail = keepLast(this.#tail, this.#tailLimit);
    const dropped = this.dropped;
    return dropped > 0 ? this.#head + marker(dropped) + tail : this.#head + tail;
  }
}

function defaultMarker(dropped: number): string {
  return `\n[… ${dropped} characters omitted …]\n`;
}

function keepLast(text: string, limit: number): string {
  return text.length > limit ? text.slice(text.length - limit) : text;
}
