/** One shell word: its text as written, and its value when no expansion is involved. */
export interface Word {
  raw: string;
  /** Undefined when the word holds `$X`, `$(…)` or a backtick: only known at run time. */
  value: string | undefined;
}

/**
 * Splits shell text into simple commands (the words between `|`, `&&`, `;`,
 * newlines, …), descending into `$(…)`, backticks and subshells, skipping
 * comments, redirection targets and heredoc bodies.
 *
 * Deliberately small and conservative: it finds a program's flags, it does
 * not run or fully parse shell. An unbalanced quote ends at the end of text.
 */
export function splitSimpleCommands(text: string): Word[][] {
  const lexer = new Lexer(text);
  lexer.run();
  return lexer.commands.filter((words) => words.length > 0);
}

const operatorChars = new Set(['|', '&', ';', '(', ')']);

class Lexer {
  readonly commands: Word[][] = [];
  private words: Word[] = [];
  private raw = '';
  private value = '';
  private dynamic = false;
  private inWord = false;
  private skipNextWord = false;
  private pendingHeredocs: Array<{ delimiter: string; stripTabs: boolean }> = [];
  private index = 0;

  constructor(private readonly text: string) {}

  run(): void {
    const { text } = this;
    while (this.index < text.length) {
      const char = text[this.index]!;
      if (char === '\n') {
        this.endCommand();
        this.index++;
        this.skipHeredocBodies();
      } else if (char === ' ' || char === '\t' || char === '\r') {
        this.endWord();
        this.index++;
      } else if (char === '#' && !this.inWord) {
        while (this.index < text.length && text[this.index] !== '\n') this.index++;
      } else if (char === '\\') {
        this.backslash();
      } else if (char === "'") {
        this.singleQuoted();
      } else if (char === '"') {
        this.doubleQuoted();
      } else if (char === '$') {
        this.dollar();
      } else if (char === '`') {
        this.backtick();
      } else if (char === '<' || char === '>') {
        this.redirection();
      } else if (operatorChars.has(char)) {
        this.endCommand();
        this.index++;
      } else {
        this.append(char, char);
        this.index++;
      }
    }
    this.endCommand();
  }

  private append(raw: string, value: string): void {
    this.raw += raw;
    this.value += value;
    this.inWord = true;
  }

  private endWord(): void {
    if (!this.inWord) return;
    const word: Word = { raw: this.raw, value: this.dynamic ? undefined : this.value };
    if (this.skipNextWord) this.skipNextWord = false;
    else this.words.push(word);
    this.raw = '';
    this.value = '';
    this.dynamic = false;
    this.inWord = false;
  }

  private endCommand(): void {
    this.endWord();
    this.skipNextWord = false;
    if (this.words.length > 0) this.commands.push(this.words);
    this.words = [];
  }

  private backslash(): void {
    const next = this.text[this.index + 1];
    if (next === '\n') {
      this.index += 2;
      return;
    }
    if (next === undefined) {
      this.index++;
      return;
    }
    this.append(`\\${next}`, next);
    this.index += 2;
  }

  private singleQuoted(): void {
    const end = this.findOrEnd("'", this.index + 1);
    const body = this.text.slice(this.index + 1, end);
    this.append(this.text.slice(this.index, end + 1), body);
    this.index = end + 1;
  }

  private doubleQuoted(): void {
    const { text } = this;
    const start = this.index;
    let value = '';
    let index = start + 1;
    while (index < text.length && text[index] !== '"') {
      const char = text[index]!;
      if (char === '\\' && index + 1 < text.length) {
        const next = text[index + 1]!;
        if (next !== '\n') value += '$`"\\'.includes(next) ? next : `\\${next}`;
        index += 2;
      } else if (char === '$' || char === '`') {
        const end = char === '`' ? this.findOrEnd('`', index + 1) + 1 : this.expansionEnd(index);
        if (end > index + 1) {
          this.dynamic = true;
          this.analyseInner(text.slice(index, end));
        } else {
          value += char;
        }
        index = Math.max(end, index + 1);
      } else {
        value += char;
        index++;
      }
    }
    this.append(text.slice(start, index + 1), value);
    this.index = index + 1;
  }

  private dollar(): void {
    const end = this.expansionEnd(this.index);
    if (end === this.index + 1) {
      this.append('$', '$');
      this.index++;
      return;
    }
    const expansion = this.text.slice(this.index, end);
    this.analyseInner(expansion);
    this.append(expansion, '');
    this.dynamic = true;
    this.index = end;
  }

  private backtick(): void {
    const end = this.findOrEnd('`', this.index + 1);
    const expansion = this.text.slice(this.index, end + 1);
    this.analyseInner(expansion);
    this.append(expansion, '');
    this.dynamic = true;
    this.index = end + 1;
  }

  /** Commands inside `$(…)` and backticks run too: collect them as commands of their own. */
  private analyseInner(expansion: string): void {
    let inner: string | undefined;
    if (expansion.startsWith('$((')) return;
    if (expansion.startsWith('$(')) inner = expansion.slice(2, -1);
    else if (expansion.startsWith('`')) inner = expansion.slice(1, -1);
    if (inner === undefined) return;
    this.commands.push(...splitSimpleCommands(inner));
  }

  /** End (exclusive) of the expansion starting at `$`; `start + 1` when `$` is literal. */
  private expansionEnd(start: number): number {
    const { text } = this;
    const next = text[start + 1];
    if (next === '(') return this.matchingParen(start + 1) + 1;
    if (next === '{') return this.findOrEnd('}', start + 2) + 1;
    if (next !== undefined && /[A-Za-z_]/.test(next)) {
      let end = start + 2;
      while (end < text.length && /\w/.test(text[end]!)) end++;
      return end;
    }
    if (next !== undefined && /[0-9@*#?$!-]/.test(next)) return start + 2;
    return start + 1;
  }

  /** Index of the `)` closing the `(` at `open`, respecting quotes; text end when unbalanced. */
  private matchingParen(open: number): number {
    const { text } = this;
    let depth = 0;
    for (let index = open; index < text.length; index++) {
      const char = text[index]!;
      if (char === '\\') index++;
      else if (char === "'") index = this.findOrEnd("'", index + 1);
      else if (char === '"') index = this.closingDoubleQuote(index);
      else if (char === '(') depth++;
      else if (char === ')' && --depth === 0) return index;
    }
    return text.length - 1;
  }

  private closingDoubleQuote(open: number): number {
    const { text } = this;
    for (let index = open + 1; index < text.length; index++) {
      if (text[index] === '\\') index++;
      else if (text[index] === '"') return index;
    }
    return text.length - 1;
  }

  private findOrEnd(char: string, from: number): number {
    const found = this.text.indexOf(char, from);
    return found === -1 ? this.text.length - 1 : found;
  }

  private redirection(): void {
    const { text } = this;
    // A file-descriptor number (`2>`) belongs to the redirection, not the words.
    if (this.inWord && /^\d+$/.test(this.raw)) {
      this.raw = '';
      this.value = '';
      this.inWord = false;
    } else {
      this.endWord();
    }
    if (text.startsWith('<(', this.index) || text.startsWith('>(', this.index)) {
      const end = this.matchingParen(this.index + 1);
      this.commands.push(...splitSimpleCommands(text.slice(this.index + 2, end)));
      this.index = end + 1;
      return;
    }
    if (text.startsWith('<<<', this.index)) {
      this.index += 3;
      this.skipNextWord = true;
      return;
    }
    if (text.startsWith('<<', this.index)) {
      this.heredoc();
      return;
    }
    let end = this.index + 1;
    while (end < text.length && '<>&|'.includes(text[end]!)) end++;
    const operator = text.slice(this.index, end);
    this.index = end;
    // `2>&1` duplicates a descriptor; `&>file` and `>file` take a file word.
    if (/&$/.test(operator) && /\d|-/.test(text[end] ?? '')) {
      while (this.index < text.length && /[\d-]/.test(text[this.index]!)) this.index++;
      return;
    }
    this.skipNextWord = true;
  }

  private heredoc(): void {
    const { text } = this;
    let index = this.index + 2;
    const stripTabs = text[index] === '-';
    if (stripTabs) index++;
    while (text[index] === ' ' || text[index] === '\t') index++;
    let delimiter = '';
    while (index < text.length && !/[\s;&|<>()]/.test(text[index]!)) {
      const char = text[index]!;
      if (char !== "'" && char !== '"' && char !== '\\') delimiter += char;
      index++;
    }
    if (delimiter !== '') this.pendingHeredocs.push({ delimiter, stripTabs });
    this.index = index;
  }

  private skipHeredocBodies(): void {
    const { text } = this;
    while (this.pendingHeredocs.length > 0) {
      const { delimiter, stripTabs } = this.pendingHeredocs.shift()!;
      while (this.index < text.length) {
        let lineEnd = text.indexOf('\n', this.index);
        if (lineEnd === -1) lineEnd = text.length;
        let line = text.slice(this.index, lineEnd).replace(/\r$/, '');
        if (stripTabs) line = line.replace(/^\t+/, '');
        this.index = lineEnd + 1;
        if (line === delimiter) break;
      }
    }
  }
}
