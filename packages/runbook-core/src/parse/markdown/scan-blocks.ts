import type { InlineLines, MdBlock, MdCode, MdHeading, MdListItem, MdParagraph, MdTable } from './block-nodes.ts';
import { isAsciiDigit, isSpaceOrTab, lineEndingAt, skipSpacesAndTabs, SPACE, TAB } from './character-codes.ts';
import { fenceLanguage } from './fence-language.ts';
import { endsHtmlBlock, htmlBlockKind } from './html-block.ts';
import { LineCursor } from './line-cursor.ts';
import { readLinkDefinition } from './link-definition.ts';
import { canHeadTable, delimiterRowWidth, tableRowCells } from './table-row.ts';
import { readTaskBox } from './task-box.ts';

// CommonMark's block structure, line by line: match the open containers,
// open new blocks, add the rest of the line to the innermost one. Columns
// count tabs to the next multiple of four, as the spec does.

export interface ScannedBlocks {
  blocks: MdBlock[];
  /** Identifiers of the link reference definitions found. */
  definitions: Set<string>;
  /** Whether a block was still open at the end in a way the next lines would continue (a fence, an HTML block). */
  open: boolean;
}

type Kind = 'document' | 'blockquote' | 'list' | 'item' | 'paragraph' | 'fence' | 'indented' | 'html';

interface Open {
  kind: Kind;
  children: MdBlock[];
  start: number;
  /** Where the node ends so far: its last line's content end. */
  end: number;
  // list and item
  marker?: string;
  markerOffset?: number;
  padding?: number;
  // fenced code
  fenceChar?: number;
  fenceLength?: number;
  fenceOffset?: number;
  language?: string;
  closed?: boolean;
  // paragraph: where in `lines` a GFM table's header row is, once a delimiter row follows it
  tableAt?: number;
  /** The paragraph's first line is one a table before it would not take lazily: it heads no table, as in micromark. */
  noTableHead?: boolean;
  // code and paragraph lines
  lines?: number[];
  text?: string[];
  htmlKind?: number;
  shortBlankLines?: number;
}

export function scanBlocks(source: string, from: number, to: number): ScannedBlocks {
  return new BlockScanner(source, from, to).scan();
}

class BlockScanner {
  readonly #source: string;
  readonly #from: number;
  readonly #to: number;
  readonly #definitions = new Set<string>();
  /** The open blocks, the document first and the innermost (the tip) last. */
  readonly #open: Open[];
  /** How many open blocks the current line matched (the rest close unless it is a lazy line). */
  #matched = 1;
  #allClosed = true;
  #interrupting = false;
  /** The character at `at` that stops every thematic break of `code` starting from `from` up to it on this line. */
  #breakBlocker = { lineStart: -1, code: 0, from: 0, at: 0 };
  /** Where the current line's content starts, past the prefixes of the containers it continues. */
  #contentStart = 0;
  /** Finalizing what the end of the text left open. */
  #atEnd = false;
  readonly #cursor: LineCursor;

  constructor(source: string, from: number, to: number) {
    this.#source = source;
    this.#from = from;
    this.#to = to;
    this.#cursor = new LineCursor(source);
    this.#open = [{ kind: 'document', children: [], start: from, end: from }];
  }

  get #tip(): Open {
    return this.#open[this.#open.length - 1] as Open;
  }

  scan(): ScannedBlocks {
    const source = this.#source;
    const to = this.#to;
    let start = this.#from;
    while (start < to) {
      let end = start;
      while (end < to) {
        const code = source.charCodeAt(end);
        if (code === 10 || code === 13) break;
        end++;
      }
      this.#line(start, end);
      if (end >= to) break;
      start = source.charCodeAt(end) === 13 && source.charCodeAt(end + 1) === 10 && end + 1 < to ? end + 2 : end + 1;
    }
    const tip = this.#tip;
    const open = tip.kind === 'fence' || (tip.kind === 'html' && (tip.htmlKind ?? 0) <= 5);
    this.#atEnd = true;
    while (this.#open.length > 1) this.#finalize();
    return { blocks: (this.#open[0] as Open).children, definitions: this.#definitions, open };
  }

  #line(start: number, end: number): void {
    this.#cursor.startLine(start, end);
    const open = this.#open;
    // Match the open blocks, outermost first.
    let matched = 1;
    for (; matched < open.length; matched++) {
      this.#cursor.findNextNonspace();
      const result = this.#continues(open[matched] as Open, matched);
      if (result === 2) return;
      if (result === 1) break;
    }
    this.#matched = matched;
    this.#contentStart = this.#cursor.offset;
    this.#allClosed = matched === open.length;
    // As micromark has it, every block opened on a line that would continue a paragraph is interrupting it.
    const tipKind = this.#tip.kind;
    const containersMatched = matched >= open.length - (acceptsLines(tipKind) ? 1 : 0);
    // After a table row anything may start, as after any block but a paragraph.
    this.#interrupting = containersMatched && ((tipKind === 'paragraph' && this.#tip.tableAt === undefined) || tipKind === 'indented');
    let container = open[matched - 1] as Open;
    let matchedLeaf = container.kind !== 'paragraph' && acceptsLines(container.kind);
    while (!matchedLeaf) {
      this.#cursor.findNextNonspace();
      if (this.#cursor.indent < 4 && !maybeSpecial(this.#source.charCodeAt(this.#cursor.nextNonspace))) {
        this.#cursor.advanceNextNonspace();
        break;
      }
      const result = this.#startBlock(container);
      if (result === 0) {
        this.#cursor.advanceNextNonspace();
        break;
      }
      container = this.#tip;
      if (result === 2) matchedLeaf = true;
    }
    const lazy = !this.#allClosed && !this.#cursor.blank && this.#tip.kind === 'paragraph';
    if (lazy && this.#tip.tableAt === undefined) {
      this.#addParagraphLine(this.#tip, this.#contentStart); // a lazy continuation line
      return;
    }
    this.#closeUnmatched();
    const kind = container.kind;
    if (kind === 'paragraph') {
      if (container.tableAt === undefined) this.#markTable(container);
      this.#addParagraphLine(container, this.#contentStart);
    } else if (kind === 'fence' || kind === 'indented') {
      this.#addCodeLine(container);
    } else if (kind === 'html') {
      container.end = this.#cursor.lineEnd;
      const kindNumber = container.htmlKind ?? 7;
      if (kindNumber <= 5 && endsHtmlBlock(kindNumber, this.#source.slice(this.#cursor.offset, this.#cursor.lineEnd))) {
        container.closed = true;
        this.#finalize();
      }
    } else if (this.#cursor.offset < this.#cursor.lineEnd && !this.#cursor.blank) {
      const paragraph = this.#addChild('paragraph', this.#cursor.nextNonspace);
      this.#cursor.advanceNextNonspace();
      paragraph.lines = [];
      this.#addParagraphLine(paragraph, this.#cursor.offset);
      if (lazy) paragraph.noTableHead = true;
    }
  }

  /** 0: matched, 1: not matched, 2: the line is used up (a closing fence). */
  #continues(block: Open, depth: number): 0 | 1 | 2 {
    switch (block.kind) {
      case 'blockquote':
        if (this.#cursor.indent < 4 && this.#source.charCodeAt(this.#cursor.nextNonspace) === 62 /* > */) {
          this.#cursor.advanceNextNonspace();
          this.#cursor.advanceOffset(1, false);
          if (isSpaceOrTab(this.#cursor.peek())) this.#cursor.advanceOffset(1, true);
          block.end = Math.max(block.end, this.#quoteMarkerEnd());
          return 0;
        }
        return 1;
      case 'item':
        if (this.#cursor.blank && block.children.length === 0 && depth === this.#open.length - 1) return 1;
        if (this.#cursor.indent >= (block.markerOffset ?? 0) + (block.padding ?? 0)) {
          // A blank line keeps what lies past the item's indentation too (code blocks see it), as micromark does.
          this.#cursor.advanceOffset((block.markerOffset ?? 0) + (block.padding ?? 0), true);
          return 0;
        }
        if (!this.#cursor.blank) return 1;
        this.#cursor.advanceNextNonspace();
        return 0;
      case 'fence':
        return this.#continuesFence(block);
      case 'indented':
        if (this.#cursor.indent >= 4) this.#cursor.advanceOffset(4, true);
        else if (this.#cursor.blank) this.#cursor.advanceNextNonspace();
        else return 1;
        return 0;
      case 'html':
        return this.#cursor.blank && (block.htmlKind ?? 7) >= 6 ? 1 : 0;
      case 'paragraph':
        return this.#cursor.blank ? 1 : 0;
      default:
        return 0;
    }
  }

  #continuesFence(block: Open): 0 | 2 {
    const source = this.#source;
    const fenceChar = block.fenceChar ?? 96;
    if (this.#cursor.indent < 4 && source.charCodeAt(this.#cursor.nextNonspace) === fenceChar) {
      let end = this.#cursor.nextNonspace;
      while (end < this.#cursor.lineEnd && source.charCodeAt(end) === fenceChar) end++;
      let after = end;
      while (after < this.#cursor.lineEnd && isSpaceOrTab(source.charCodeAt(after))) after++;
      if (end - this.#cursor.nextNonspace >= (block.fenceLength ?? 3) && after === this.#cursor.lineEnd) {
        block.end = this.#cursor.lineEnd;
        block.closed = true;
        this.#finalize();
        return 2;
      }
    }
    for (let count = block.fenceOffset ?? 0; count > 0 && isSpaceOrTab(this.#cursor.peek()); count--) this.#cursor.advanceOffset(1, true);
    return 0;
  }

  /** 0: nothing starts here, 1: a container started, 2: a leaf started. */
  #startBlock(container: Open): 0 | 1 | 2 {
    const source = this.#source;
    const at = this.#cursor.nextNonspace;
    const code = source.charCodeAt(at);
    const indented = this.#cursor.indent >= 4;
    if (!indented) {
      if (code === 62 /* > */) {
        this.#cursor.advanceNextNonspace();
        this.#cursor.advanceOffset(1, false);
        if (isSpaceOrTab(this.#cursor.peek())) this.#cursor.advanceOffset(1, true);
        this.#closeUnmatched();
        this.#addChild('blockquote', at).end = this.#quoteMarkerEnd();
        return 1;
      }
      if (code === 35 /* # */ && this.#startAtxHeading(at)) return 2;
      if ((code === 96 || code === 126) && this.#startFence(at, code)) return 2;
      if (code === 60 /* < */ && this.#startHtml(at, container)) return 2;
      if ((code === 61 || code === 45) && container.kind === 'paragraph' && container.tableAt === undefined && this.#startSetextHeading(container, code))
        return 2;
      if ((code === 42 || code === 45 || code === 95) && this.#isThematicBreak(at, code)) {
        this.#closeUnmatched();
        this.#addLeaf({ type: 'thematicBreak', start: at, end: this.#cursor.lineEnd });
        return 2;
      }
    }
    if ((!indented || container.kind === 'list') && this.#startListItem()) return 1;
    if (indented && (this.#tip.kind !== 'paragraph' || this.#tip.tableAt !== undefined) && !this.#cursor.blank) {
      const start = this.#cursor.partialTab ? this.#cursor.offset + 1 : this.#cursor.offset;
      this.#cursor.advanceOffset(4, true);
      this.#closeUnmatched();
      const block = this.#addChild('indented', start);
      block.lines = [];
      block.text = [];
      return 2;
    }
    return 0;
  }

  #startAtxHeading(at: number): boolean {
    const source = this.#source;
    let end = at;
    while (end < this.#cursor.lineEnd && source.charCodeAt(end) === 35) end++;
    const depth = end - at;
    if (depth > 6 || (end < this.#cursor.lineEnd && !isSpaceOrTab(source.charCodeAt(end)))) return false;
    this.#closeUnmatched();
    // The content: past the opening run and spaces, before a closing run of #.
    let contentStart = end;
    while (contentStart < this.#cursor.lineEnd && isSpaceOrTab(source.charCodeAt(contentStart))) contentStart++;
    let contentEnd = this.#cursor.lineEnd;
    while (contentEnd > contentStart && isSpaceOrTab(source.charCodeAt(contentEnd - 1))) contentEnd--;
    let hashes = contentEnd;
    while (hashes > contentStart && source.charCodeAt(hashes - 1) === 35) hashes--;
    if (hashes === contentStart || isSpaceOrTab(source.charCodeAt(hashes - 1))) {
      contentEnd = hashes;
      while (contentEnd > contentStart && isSpaceOrTab(source.charCodeAt(contentEnd - 1))) contentEnd--;
    }
    const heading: MdHeading = {
      type: 'heading',
      depth: depth as MdHeading['depth'],
      lines: contentEnd > contentStart ? [contentStart, contentEnd] : [],
      start: at,
      end: this.#cursor.lineEnd,
    };
    this.#addLeaf(heading);
    return true;
  }

  #startFence(at: number, fenceChar: number): boolean {
    const source = this.#source;
    let end = at;
    while (end < this.#cursor.lineEnd && source.charCodeAt(end) === fenceChar) end++;
    if (end - at < 3) return false;
    if (fenceChar === 96 && source.slice(end, this.#cursor.lineEnd).includes('`')) return false;
    this.#closeUnmatched();
    const block = this.#addChild('fence', at);
    block.fenceChar = fenceChar;
    block.fenceLength = end - at;
    block.fenceOffset = this.#cursor.indent;
    const language = fenceLanguage(source, end, this.#cursor.lineEnd);
    if (language !== undefined) block.language = language;
    block.lines = [];
    block.text = [];
    block.end = this.#cursor.lineEnd;
    this.#cursor.offset = this.#cursor.lineEnd;
    return true;
  }

  #startHtml(at: number, container: Open): boolean {
    // A complete tag cannot interrupt a paragraph of the same container (a lazy line's or a new container's can).
    const kind = htmlBlockKind(this.#source.slice(at, this.#cursor.lineEnd), container.kind === 'paragraph');
    if (kind === 0) return false;
    this.#closeUnmatched();
    // Its indentation is part of it (mdast positions it from the line's content start).
    const block = this.#addChild('html', this.#cursor.partialTab ? this.#cursor.offset + 1 : this.#cursor.offset);
    block.htmlKind = kind;
    return true;
  }

  #startSetextHeading(paragraph: Open, code: number): boolean {
    const source = this.#source;
    let end = this.#cursor.nextNonspace;
    while (end < this.#cursor.lineEnd && source.charCodeAt(end) === code) end++;
    let after = end;
    while (after < this.#cursor.lineEnd && isSpaceOrTab(source.charCodeAt(after))) after++;
    if (after !== this.#cursor.lineEnd) return false;
    this.#closeUnmatched();
    const definitions: MdBlock[] = [];
    const lines = this.#takeDefinitions(paragraph.lines ?? [], definitions);
    if (lines.length === 0) return false;
    const heading: MdHeading = {
      type: 'heading',
      depth: code === 61 ? 1 : 2,
      lines,
      // mdast starts it where the paragraph did, definitions and all.
      start: paragraph.start,
      end: this.#cursor.lineEnd,
    };
    this.#open.pop();
    for (const definition of definitions) this.#addLeaf(definition);
    this.#addLeaf(heading);
    return true;
  }

  #isThematicBreak(at: number, code: number): boolean {
    const cursor = this.#cursor;
    // A break starting before the character that stopped the last scan stops there too:
    // `- - - … x` would otherwise be scanned again for every item it opens.
    const known = this.#breakBlocker;
    if (known.lineStart === cursor.lineStart && known.code === code && known.from <= at && at < known.at) return false;
    let count = 0;
    for (let index = at; index < cursor.lineEnd; index++) {
      const char = this.#source.charCodeAt(index);
      if (char === code) count++;
      else if (!isSpaceOrTab(char)) {
        this.#breakBlocker = { lineStart: cursor.lineStart, code, from: at, at: index };
        return false;
      }
    }
    return count >= 3;
  }

  #startListItem(): boolean {
    const source = this.#source;
    const at = this.#cursor.nextNonspace;
    if (this.#cursor.indent >= 4) return false;
    const code = source.charCodeAt(at);
    let markerEnd: number;
    let marker: string;
    if (code === 42 || code === 43 || code === 45) {
      markerEnd = at + 1;
      marker = source[at] as string;
    } else {
      let digits = at;
      while (digits < this.#cursor.lineEnd && digits - at < 10 && isAsciiDigit(source.charCodeAt(digits))) digits++;
      const delimiter = source.charCodeAt(digits);
      if (digits === at || digits - at > 9 || (delimiter !== 46 && delimiter !== 41)) return false;
      if (this.#interrupting && (digits - at !== 1 || source.charCodeAt(at) !== 49)) return false;
      markerEnd = digits + 1;
      marker = source[digits] as string;
    }
    const next = markerEnd < this.#cursor.lineEnd ? source.charCodeAt(markerEnd) : -1;
    if (next !== -1 && !isSpaceOrTab(next)) return false;
    if (this.#interrupting && isBlankRange(source, markerEnd, this.#cursor.lineEnd)) return false;
    this.#closeUnmatched();
    const markerOffset = this.#cursor.indent;
    this.#cursor.advanceNextNonspace();
    this.#cursor.advanceOffset(markerEnd - at, true);
    const spacesStartColumn = this.#cursor.column;
    const spacesStartOffset = this.#cursor.offset;
    do {
      this.#cursor.advanceOffset(1, true);
    } while (this.#cursor.column - spacesStartColumn < 5 && isSpaceOrTab(this.#cursor.peek()));
    const blankItem = this.#cursor.peek() === -1;
    const spaces = this.#cursor.column - spacesStartColumn;
    let padding: number;
    if (spaces >= 5 || spaces < 1 || blankItem) {
      padding = markerEnd - at + 1;
      this.#cursor.column = spacesStartColumn;
      this.#cursor.offset = spacesStartOffset;
      this.#cursor.partialTab = false;
      if (isSpaceOrTab(this.#cursor.peek())) this.#cursor.advanceOffset(1, true);
    } else {
      padding = markerEnd - at + spaces;
    }
    if (this.#tip.kind !== 'list' || this.#tip.marker !== marker) {
      const list = this.#addChild('list', at);
      list.marker = marker;
    }
    const item = this.#addChild('item', at);
    item.marker = marker;
    item.markerOffset = markerOffset;
    item.padding = padding;
    item.end = isBlankRange(source, markerEnd, this.#cursor.lineEnd) ? this.#cursor.lineEnd : markerEnd;
    return true;
  }

  // A quote's end on a line: past its marker, or the line's end when nothing else is on it.
  #quoteMarkerEnd(): number {
    return isBlankRange(this.#source, this.#cursor.offset, this.#cursor.lineEnd) ? this.#cursor.lineEnd : this.#cursor.offset;
  }

  // Tree

  #addChild(kind: Kind, start: number): Open {
    while (!canContain(this.#tip.kind, kind)) this.#finalize();
    const block: Open = { kind, children: [], start, end: start };
    this.#open.push(block);
    return block;
  }

  /** A block complete on the line it starts: the rest of the line is used up. */
  #addLeaf(node: MdBlock): void {
    while (!canContain(this.#tip.kind, 'paragraph')) this.#finalize();
    this.#append(this.#tip, node);
    this.#cursor.offset = this.#cursor.lineEnd;
  }

  #closeUnmatched(): void {
    if (this.#allClosed) return;
    while (this.#open.length > this.#matched) this.#finalize();
    this.#allClosed = true;
  }

  /**
   * When this line is a GFM delimiter row as wide as the paragraph's last line,
   * that line heads a table: the paragraph ends before it and the table takes
   * the lines after it until one that is blank, lazy or starts another block.
   */
  #markTable(paragraph: Open): void {
    const lines = paragraph.lines ?? [];
    if (lines.length === 0 || this.#cursor.indent >= 4 || (paragraph.noTableHead === true && lines.length === 2)) return;
    const width = delimiterRowWidth(this.#source, this.#cursor.offset, this.#cursor.lineEnd);
    if (width === undefined) return;
    const headerStart = lines[lines.length - 2] ?? 0;
    const headerEnd = lines[lines.length - 1] ?? 0;
    if (
      indentColumns(this.#source, headerStart) >= 4 ||
      !canHeadTable(this.#source, headerStart, headerEnd) ||
      tableRowCells(this.#source, headerStart, headerEnd).length !== width * 2
    )
      return;
    paragraph.tableAt = lines.length - 2;
  }

  /** A line of inline content from `start`: continuation lines keep their indentation, which code spans show. */
  #addParagraphLine(paragraph: Open, start: number): void {
    (paragraph.lines ??= []).push(start, this.#cursor.lineEnd);
    paragraph.end = this.#cursor.lineEnd;
  }

  #addCodeLine(code: Open): void {
    if (code.kind === 'fence' && code.start >= this.#cursor.lineStart) return; // the opening fence and info string
    let text = this.#source.slice(this.#cursor.offset, this.#cursor.lineEnd);
    if (this.#cursor.partialTab) {
      // The rest of a tab the indentation only partly used.
      text = ' '.repeat(4 - (this.#cursor.column % 4)) + text.slice(1);
    }
    code.text?.push(text);
    code.lines?.push(this.#cursor.lineEnd);
    code.end = this.#cursor.lineEnd;
    // Blank lines indented less than code is are not code unless more code follows.
    if (code.kind === 'indented') code.shortBlankLines = this.#cursor.blank && this.#cursor.indent < 4 ? (code.shortBlankLines ?? 0) + 1 : 0;
  }

  #append(parent: Open, node: MdBlock): void {
    parent.children.push(node);
    parent.end = Math.max(parent.end, node.end);
  }

  /** Closes the tip and hands its nodes to the block holding it. */
  #finalize(): void {
    const block = this.#open.pop() as Open;
    const parent = this.#tip;
    for (const node of this.#nodesOf(block)) this.#append(parent, node);
  }

  #nodesOf(block: Open): MdBlock[] {
    switch (block.kind) {
      case 'paragraph':
        return this.#paragraphNodes(block);
      case 'fence':
      case 'indented':
        return [this.#codeNode(block)];
      case 'html': {
        // Like an unclosed fence, an unclosed comment or raw block takes the text's last line ending.
        const unclosed = this.#atEnd && (block.htmlKind ?? 7) <= 5 && block.closed !== true;
        return [{ type: 'html', start: block.start, end: unclosed ? this.#to : block.end }];
      }
      case 'blockquote':
      case 'list':
        return [{ type: block.kind, start: block.start, end: block.end, children: block.children }];
      case 'item':
        return [this.#itemNode(block)];
      default:
        return [];
    }
  }

  #paragraphNodes(block: Open): MdBlock[] {
    const nodes: MdBlock[] = [];
    const all = block.lines ?? [];
    const tableAt = block.tableAt ?? all.length;
    const lines = this.#takeDefinitions(tableAt === all.length ? all : all.slice(0, tableAt), nodes);
    if (lines.length > 0) nodes.push(this.#paragraphNode(lines, block));
    if (tableAt < all.length) nodes.push(this.#tableNode(all.slice(tableAt)));
    return nodes;
  }

  #tableNode(lines: InlineLines): MdTable {
    const start = skipSpacesAndTabs(this.#source, lines[0] ?? 0, lines[1] ?? 0);
    lines[0] = start;
    // Unlike a paragraph, a table ends past its last row's final spaces.
    return { type: 'table', lines, start, end: lines.at(-1) ?? start };
  }

  #paragraphNode(lines: InlineLines, block: Open): MdParagraph {
    const paragraph: MdParagraph = { type: 'paragraph', lines, start: lines[0] ?? block.start, end: lines.at(-1) ?? block.end };
    lines[lines.length - 1] = trimmedEnd(this.#source, lines);
    return paragraph;
  }

  /** Reads link reference definitions off the start of a paragraph; the lines left. */
  #takeDefinitions(lines: InlineLines, into?: MdBlock[]): InlineLines {
    if (this.#source.charCodeAt(lines[0] ?? -1) !== 91 /* [ */) return lines;
    const source = this.#source;
    const parts: string[] = [];
    const starts: number[] = [];
    let length = 0;
    for (let index = 0; index < lines.length; index += 2) {
      starts.push(length);
      const part = source.slice(lines[index], lines[index + 1]);
      parts.push(part);
      length += part.length + 1;
    }
    const content = parts.join('\n');
    let at = 0;
    let line = 0;
    while (line < starts.length) {
      const definition = readLinkDefinition(content, at);
      if (definition === undefined) break;
      let endLine = line;
      while (endLine + 1 < starts.length && (starts[endLine + 1] ?? 0) <= definition.end) endLine++;
      this.#definitions.add(definition.identifier);
      into?.push({
        type: 'definition',
        identifier: definition.identifier,
        url: definition.url,
        start: (lines[line * 2] ?? 0) + (at - (starts[line] ?? 0)),
        end: (lines[endLine * 2] ?? 0) + (definition.end - (starts[endLine] ?? 0)),
      });
      line = endLine + 1;
      at = starts[line] ?? content.length;
      while (content.charCodeAt(at) === SPACE || content.charCodeAt(at) === TAB) at++;
    }
    if (line === 0) return lines;
    const rest = lines.slice(line * 2);
    // The first line left starts the paragraph: its indentation is no content.
    while (rest.length > 0 && (rest[0] ?? 0) < (rest[1] ?? 0) && isSpaceOrTab(source.charCodeAt(rest[0] ?? 0))) rest[0] = (rest[0] ?? 0) + 1;
    return rest;
  }

  #codeNode(block: Open): MdCode {
    const text = block.text ?? [];
    const ends = block.lines ?? [];
    const count = text.length - (block.shortBlankLines ?? 0);
    let value = '';
    for (let index = 0; index < count; index++) {
      if (index > 0) value += lineEndingAt(this.#source, ends[index - 1] ?? 0);
      value += text[index];
    }
    let end = block.end;
    if (block.kind === 'indented') end = ends[count - 1] ?? block.start;
    else if (block.closed !== true && this.#atEnd) end = this.#to; // an unclosed fence takes the text's last line ending
    // mdast drops one line ending from the end of the value: the one before a last, empty line.
    if (block.closed !== true && count > 1 && text[count - 1] === '' && !(block.kind === 'fence' && this.#atEnd)) {
      value = value.slice(0, value.length - lineEndingAt(this.#source, ends[count - 2] ?? 0).length);
    }
    // CommonMark: NUL is read as U+FFFD.
    if (value.includes('\0')) value = value.replaceAll('\0', '\ufffd');
    const code: MdCode = { type: 'code', fenced: block.kind === 'fence', closed: block.closed === true, value, start: block.start, end };
    if (block.language !== undefined) code.language = block.language;
    return code;
  }

  #itemNode(block: Open): MdListItem {
    const item: MdListItem = { type: 'listItem', start: block.start, end: block.end, children: block.children };
    const first = block.children[0];
    if (first?.type === 'paragraph' && first.start === (first.lines[0] ?? -1)) readTaskBox(this.#source, first, item);
    return item;
  }
}

function acceptsLines(kind: Kind): boolean {
  return kind === 'paragraph' || kind === 'fence' || kind === 'indented' || kind === 'html';
}

function canContain(parent: Kind, child: Kind): boolean {
  if (parent === 'document' || parent === 'blockquote' || parent === 'item') return child !== 'item';
  return parent === 'list' && child === 'item';
}

// What a line can start with for it to open anything but a paragraph.
function maybeSpecial(code: number): boolean {
  return (
    code === 35 ||
    code === 96 ||
    code === 126 ||
    code === 42 ||
    code === 43 ||
    code === 95 ||
    code === 61 ||
    code === 60 ||
    code === 62 ||
    code === 45 ||
    (code >= 48 && code <= 57)
  );
}

// A continuation line keeps its indentation (past its containers' prefixes).
function indentColumns(source: string, from: number): number {
  let column = 0;
  for (let index = from; ; index++) {
    const code = source.charCodeAt(index);
    if (code === SPACE) column++;
    else if (code === TAB) column += 4 - (column % 4);
    else return column;
  }
}

function isBlankRange(source: string, from: number, to: number): boolean {
  return skipSpacesAndTabs(source, from, to) === to;
}

function trimmedEnd(source: string, lines: InlineLines): number {
  const start = lines[lines.length - 2] ?? 0;
  let end = lines[lines.length - 1] ?? 0;
  while (end > start && isSpaceOrTab(source.charCodeAt(end - 1))) end--;
  return end;
}
