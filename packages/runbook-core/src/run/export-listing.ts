/**
 * Reads the output of `export -p` as printed by bash (`declare -x NAME="…"`,
 * `$'…'` for control bytes), bash in POSIX mode and zsh (`export NAME=…`) and
 * dash (`export NAME='…'`). Values are decoded as bytes, then as UTF-8, since
 * bash in the C locale prints non-ASCII as octal escapes.
 *
 * Names printed without a value (exported but unset) and arrays are left out.
 */
export function parseExportListing(listing: Buffer): Map<string, string> {
  // latin1 maps each byte to one character, so escapes can add raw bytes.
  const reader = new WordReader(listing.toString('latin1'));
  const variables = new Map<string, string>();
  while (!reader.done) {
    const [keyword, ...rest] = reader.readStatement();
    if (keyword === undefined || !statementKeywords.has(keyword)) continue;
    const flags = rest.filter((word) => word.startsWith('-')).join('');
    if (/[aA]/.test(flags)) continue;
    if (flags.includes('T')) {
      readTiedArray(rest, variables);
      continue;
    }
    for (const word of rest) {
      const equals = word.indexOf('=');
      if (word.startsWith('-') || equals <= 0) continue;
      const name = word.slice(0, equals);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) variables.set(name, Buffer.from(word.slice(equals + 1), 'latin1').toString('utf8'));
    }
  }
  return variables;
}

const statementKeywords = new Set(['declare', 'typeset', 'export']);

/** zsh prints a scalar tied to an array as `export -T PATH path=( /usr/bin /bin )`: the value is the elements joined by `:`. */
function readTiedArray(words: string[], variables: Map<string, string>): void {
  const [name, opening, ...rest] = words.filter((word) => !word.startsWith('-'));
  if (name === undefined || !opening?.endsWith('=(') || rest[rest.length - 1] !== ')') return;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) variables.set(name, Buffer.from(rest.slice(0, -1).join(':'), 'latin1').toString('utf8'));
}

/** Splits shell text into words, removing quotes; bytes as latin1 characters. */
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
  readStatement(): string[] {
    const words: string[] = [];
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

  #readWord(): string {
    let word = '';
    while (!this.done) {
      const char = this.#peek();
      if (char === ' ' || char === '\t' || char === '\n') break;
      if (char === "'") word += this.#until("'", this.#at + 1);
      else if (char === '"') word += this.#readDoubleQuoted();
      else if (char === '$' && this.#text[this.#at + 1] === "'") word += this.#readAnsiC();
      else if (char === '\\') {
        word += this.#text[this.#at + 1] ?? '';
        this.#at += 2;
      } else word += this.#plainRun();
    }
    return word;
  }

  /** Text from `from` up to the next `quote`, moving past it. */
  #until(quote: string, from: number): string {
    const end = this.#text.indexOf(quote, from);
    const stop = end < 0 ? this.#text.length : end;
    this.#at = stop + 1;
    return this.#text.slice(from, stop);
  }

  #plainRun(): string {
    plainRun.lastIndex = this.#at + 1;
    plainRun.test(this.#text);
    const end = Math.max(plainRun.lastIndex, this.#at + 1);
    const run = this.#text.slice(this.#at, end);
    this.#at = end;
    return run;
  }

  #readDoubleQuoted(): string {
    return this.#readQuoted(1, doubleQuotedSpecial, () => {
      const next = this.#text[this.#at++] ?? '';
      // Inside double quotes a backslash escapes only these; a backslash-newline disappears.
      if (next === '\n') return '';
      return '"\\$`'.includes(next) && next !== '' ? next : `\\${next}`;
    });
  }

  #readAnsiC(): string {
    return this.#readQuoted(2, ansiCSpecial, () => this.#ansiCEscape());
  }

  /** Quoted text after an opening of `open` characters, up to its closing quote; `specials` finds that quote or a backslash. */
  #readQuoted(open: number, specials: RegExp, readEscape: () => string): string {
    let value = '';
    this.#at += open;
    while (!this.done) {
      specials.lastIndex = this.#at;
      const found = specials.exec(this.#text);
      const stop = found ? found.index : this.#text.length;
      value += this.#text.slice(this.#at, stop);
      this.#at = stop + 1;
      if (found?.[0] !== '\\') break;
      value += readEscape();
    }
    return value;
  }

  /** Skips a backslash and reads the escape after it. */
  #escapeAfterBackslash(): string {
    this.#at++;
    return this.#ansiCEscape();
  }

  /** One escape after the backslash, as latin1 characters for its bytes. */
  #ansiCEscape(): string {
    const letter = this.#text[this.#at++] ?? '';
    const simple = ansiCEscapes[letter];
    if (simple !== undefined) return String.fromCharCode(simple);
    if (letter >= '0' && letter <= '7') return String.fromCharCode(this.#readNumber(letter, 8, 2) & 0xff);
    if (letter === 'x') return String.fromCharCode(this.#readNumber('', 16, 2));
    if (letter === 'u' || letter === 'U') {
      return Buffer.from(String.fromCodePoint(this.#readNumber('', 16, letter === 'u' ? 4 : 8)), 'utf8').toString('latin1');
    }
    if (letter === 'c') return String.fromCharCode((this.#text.charCodeAt(this.#at++) || 0) & 0x1f);
    // zsh: `\C-A` is a control character, `\M-` sets the top bit of what follows.
    if ((letter === 'C' || letter === 'M') && this.#peek() === '-') {
      this.#at++;
      const next = this.#peek() === '\\' && letter === 'M' ? this.#escapeAfterBackslash() : (this.#text[this.#at++] ?? '');
      if (letter === 'M') return String.fromCharCode((next.charCodeAt(0) | 0x80) & 0xff);
      return String.fromCharCode(next === '?' ? 0x7f : next.charCodeAt(0) & 0x1f);
    }
    return `\\${letter}`;
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
}

const plainRun = /[^\s'"\\$]*/y;
const doubleQuotedSpecial = /["\\]/g;
const ansiCSpecial = /['\\]/g;

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
