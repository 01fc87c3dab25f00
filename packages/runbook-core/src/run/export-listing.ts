/**
 * Reads the output of `export -p` as printed by bash (`declare -x NAME="…"`,
 * `$'…'` for control bytes), bash in POSIX mode and zsh (`export NAME=…`) and
 * dash (`export NAME='…'`). Values are decoded as bytes, then as UTF-8, since
 * bash in the C locale prints non-ASCII as octal escapes.
 *
 * Names printed without a value (exported but unset) and arrays are left out.
 */
export function parseExportListing(listing: Buffer): Map<string, string> {
  const reader = new WordReader(listing.toString('latin1'));
  const variables = new Map<string, string>();
  while (!reader.done) {
    const words = reader.readStatement();
    const [keyword, ...rest] = words;
    if (keyword === undefined || !statementKeywords.has(keyword.toString('latin1'))) continue;
    const flags = rest.filter((word) => word[0] === 0x2d).map((word) => word.toString('latin1'));
    if (flags.some((flag) => /[aA]/.test(flag))) continue;
    for (const word of rest) {
      if (word[0] === 0x2d) continue;
      const equals = word.indexOf(0x3d);
      if (equals <= 0) continue;
      const name = word.subarray(0, equals).toString('latin1');
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) variables.set(name, word.subarray(equals + 1).toString('utf8'));
    }
  }
  return variables;
}

const statementKeywords = new Set(['declare', 'typeset', 'export']);

/** Splits shell text into words, removing quotes; each word as raw bytes. */
class WordReader {
  readonly #text: string;
  #at = 0;

  constructor(text: string) {
    this.#text = text;
  }

  get done(): boolean {
    return this.#at >= this.#text.length;
  }

  /** The words up to the next unquoted newline. */
  readStatement(): Buffer[] {
    const words: Buffer[] = [];
    for (;;) {
      while (this.#peek() === ' ' || this.#peek() === '\t') this.#at++;
      if (this.done) return words;
      if (this.#peek() === '\n') {
        this.#at++;
        return words;
      }
      words.push(this.#readWord());
    }
  }

  #readWord(): Buffer {
    const bytes: number[] = [];
    while (!this.done) {
      const char = this.#peek();
      if (char === ' ' || char === '\t' || char === '\n') break;
      if (char === "'") this.#readSingleQuoted(bytes);
      else if (char === '"') this.#readDoubleQuoted(bytes);
      else if (char === '$' && this.#text[this.#at + 1] === "'") this.#readAnsiC(bytes);
      else if (char === '\\') {
        this.#at++;
        if (!this.done) this.#take(bytes);
      } else this.#take(bytes);
    }
    return Buffer.from(bytes);
  }

  #readSingleQuoted(bytes: number[]): void {
    this.#at++;
    while (!this.done && this.#peek() !== "'") this.#take(bytes);
    this.#at++;
  }

  #readDoubleQuoted(bytes: number[]): void {
    this.#at++;
    while (!this.done && this.#peek() !== '"') {
      const next = this.#text[this.#at + 1];
      if (this.#peek() === '\\' && next !== undefined && '"\\$`\n'.includes(next)) {
        this.#at++;
        if (next === '\n') {
          this.#at++;
          continue;
        }
      }
      this.#take(bytes);
    }
    this.#at++;
  }

  #readAnsiC(bytes: number[]): void {
    this.#at += 2;
    while (!this.done && this.#peek() !== "'") {
      if (this.#peek() !== '\\') {
        this.#take(bytes);
        continue;
      }
      this.#at++;
      const escape = this.#text[this.#at++] ?? '';
      const simple = ansiCEscapes[escape];
      if (simple !== undefined) bytes.push(simple);
      else if (escape >= '0' && escape <= '7') bytes.push(this.#readNumber(escape, 8, 2) & 0xff);
      else if (escape === 'x') bytes.push(this.#readNumber('', 16, 2));
      else if (escape === 'u' || escape === 'U') {
        bytes.push(...Buffer.from(String.fromCodePoint(this.#readNumber('', 16, escape === 'u' ? 4 : 8)), 'utf8'));
      } else if (escape === 'c') bytes.push((this.#text.charCodeAt(this.#at++) || 0) & 0x1f);
      else bytes.push(0x5c, escape.charCodeAt(0));
    }
    this.#at++;
  }

  /** Digits of `radix` after `first`, at most `more` of them. */
  #readNumber(first: string, radix: number, more: number): number {
    let digits = first;
    while (more-- > 0 && !this.done && !Number.isNaN(Number.parseInt(this.#peek(), radix))) digits += this.#text[this.#at++];
    const value = Number.parseInt(digits, radix);
    return Number.isNaN(value) ? 0 : Math.min(value, 0x10ffff);
  }

  #peek(): string {
    return this.#text[this.#at] ?? '';
  }

  #take(bytes: number[]): void {
    bytes.push(this.#text.charCodeAt(this.#at++));
  }
}

const ansiCEscapes: Record<string, number> = {
  a: 0x07,
  b: 0x08,
  e: 0x1b,
  E: 0x1b,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
  '\\': 0x5c,
  "'": 0x27,
  '"': 0x22,
  '?': 0x3f,
};
