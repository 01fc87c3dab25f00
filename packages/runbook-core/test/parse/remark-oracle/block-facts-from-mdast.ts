// The parser as it was when built on remark-parse, kept as it was (so its
// shape mirrors block-facts.ts): the oracle the Markdown scanner is checked
// against. It reads mdast into the same facts; tables come from micromark's
// GFM table extension, fences' languages from mdast's `lang`.
import { slug as githubSlug } from 'github-slugger';
import type { Heading, ListItem, Nodes, RootContent, Table, TableCell } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { emptyFacts, type BlockFacts, type BlockKind } from '../../../src/parse/block-facts.ts';
import { readCodeBlock } from '../../../src/parse/code-block-fact.ts';
import type { ShellAnalysisCache } from '../../../src/parse/step-analysis.ts';

export interface BlockInput {
  source: string;
  node: RootContent;
  /** Added to the node's offsets to get offsets in `source` (a fragment's start, a BOM). */
  base: number;
  shellCache: ShellAnalysisCache;
}

const textOptions = { includeImageAlt: false, includeHtml: false };
const MAX_ITEM_KEY_LENGTH = 48;

export function readBlockFacts(input: BlockInput): BlockFacts {
  const start = startOf(input.node) + input.base;
  const facts = emptyFacts(kindOf(input.node, input.source, start), start, endOf(input.node) + input.base);
  const walker = new BlockWalker(input, facts);
  walker.visit(input.node);
  return facts;
}

function kindOf(node: RootContent, source: string, start: number): BlockKind {
  if (node.type === 'code') return source[start] === '`' || source[start] === '~' ? 'fencedCode' : 'indentedCode';
  const kinds: readonly string[] = ['heading', 'paragraph', 'table', 'definition', 'list', 'blockquote', 'html', 'thematicBreak'];
  return kinds.includes(node.type) ? (node.type as BlockKind) : 'paragraph';
}

class BlockWalker {
  readonly #input: BlockInput;
  readonly #facts: BlockFacts;
  #listDepth = 0;

  constructor(input: BlockInput, facts: BlockFacts) {
    this.#input = input;
    this.#facts = facts;
  }

  visit(node: Nodes): void {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'html':
      case 'break':
      case 'thematicBreak':
      case 'image':
      case 'imageReference':
        return;
      case 'heading':
        this.#heading(node);
        break;
      case 'code':
        this.#code(node);
        return;
      case 'definition':
        this.#facts.definitions.push({ identifier: node.identifier, url: node.url });
        return;
      case 'link':
        this.#link(node, { url: node.url });
        break;
      case 'linkReference':
        this.#link(node, { identifier: node.identifier });
        break;
      case 'table':
        this.#table(node);
        break;
      case 'listItem':
        this.#listItem(node);
        break;
      case 'list':
        this.#listDepth++;
        this.#children(node.children);
        this.#listDepth--;
        return;
      default:
        break;
    }
    if ('children' in node) this.#children(node.children);
  }

  #children(children: Nodes[]): void {
    for (const child of children) this.visit(child);
  }

  #absolute(offset: number | undefined): number {
    return (offset ?? 0) + this.#input.base;
  }

  #local(offset: number | undefined): number {
    return this.#absolute(offset) - this.#facts.start;
  }

  #heading(node: Heading): void {
    const text = mdastToString(node, textOptions);
    this.#facts.headings.push({
      depth: node.depth,
      title: text.replace(/\s+/g, ' ').trim(),
      baseSlug: githubSlug(text),
      start: this.#local(node.position?.start.offset),
      end: this.#local(node.position?.end.offset),
    });
  }

  #code(node: Nodes & { type: 'code' }): void {
    const fact = readCodeBlock(
      {
        source: this.#input.source,
        value: node.value,
        // mdast's own decoding of the info string, so the scanner's is checked, not shared.
        language: node.lang ?? '',
        start: this.#absolute(node.position?.start.offset),
        end: this.#absolute(node.position?.end.offset),
        blockStart: this.#facts.start,
        headingsBefore: this.#facts.headings.length,
        shellCache: this.#input.shellCache,
      },
      this.#facts.messages,
    );
    if (fact !== undefined) this.#facts.codeBlocks.push(fact);
  }

  #link(node: Nodes & { type: 'link' | 'linkReference' }, target: { url: string } | { identifier: string }): void {
    this.#facts.links.push({
      ...target,
      text: mdastToString(node, textOptions),
      start: this.#local(node.position?.start.offset),
      end: this.#local(node.position?.end.offset),
    });
  }

  // The table as micromark-extension-gfm-table reads it: each cell from its first inline node to its last, `\|` read as `|`.
  #table(node: Table): void {
    const [head, ...body] = node.children;
    if (head === undefined) return;
    const header = head.children.map((cell) => this.#cellMarkdown(cell));
    this.#facts.tables.push({
      header,
      rows: body.map((row) => header.map((_, index) => (row.children[index] === undefined ? '' : this.#cellMarkdown(row.children[index])))),
      start: this.#local(node.position?.start.offset),
      end: this.#local(node.position?.end.offset),
      headingsBefore: this.#facts.headings.length,
    });
  }

  #cellMarkdown(cell: TableCell): string {
    const first = cell.children[0];
    const last = cell.children.at(-1);
    if (first === undefined || last === undefined) return '';
    return this.#input.source.slice(this.#absolute(first.position?.start.offset), this.#absolute(last.position?.end.offset)).replaceAll('\\|', '|');
  }

  #listItem(node: ListItem): void {
    if (typeof node.checked !== 'boolean') return;
    const paragraph = node.children[0];
    if (paragraph?.type !== 'paragraph') return;
    const box = boxAfterMarker(this.#input.source, this.#absolute(node.position?.start.offset));
    const start = this.#local(node.position?.start.offset);
    const end = this.#local(paragraph.position?.end.offset);
    if (box === undefined) {
      this.#facts.messages.push({
        ruleId: 'unusable-task-box',
        severity: 'info',
        reason: 'this task box is split across lines, so it cannot be ticked; write it as [ ] or [x]',
        start,
        end,
      });
      return;
    }
    const text = mdastToString(paragraph, textOptions).replace(/\s+/g, ' ').trim();
    this.#facts.checklistItems.push({
      text,
      key: githubSlug(text).slice(0, MAX_ITEM_KEY_LENGTH).replace(/-+$/, '') || 'item',
      checked: node.checked,
      depth: Math.max(0, this.#listDepth - 1),
      start,
      end,
      box: box - this.#facts.start,
      headingsBefore: this.#facts.headings.length,
    });
  }
}

function startOf(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

function endOf(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

// The `[` after the item's marker and its spaces; the box is the character after it, when `]` closes it on the line.
function boxAfterMarker(source: string, itemStart: number): number | undefined {
  const match = /^(?:[*+-]|\d{1,9}[.)])[ \t]+\[([ \txX])\]/.exec(source.slice(itemStart, itemStart + 20));
  return match === null ? undefined : itemStart + match[0].length - 2;
}
