import { slug as githubSlug } from 'github-slugger';
import { readCodeBlock, type CodeBlockFact } from './code-block-fact.ts';
import { readFrontmatter, type MetaFact } from './frontmatter.ts';
import type { FrontmatterFence } from './frontmatter-fence.ts';
import type { TableFact } from './gfm-table.ts';
import { readGfmTable } from './gfm-table.ts';
import type { MessageFact } from './message-fact.ts';
import type { ShellAnalysisCache } from './step-analysis.ts';
import type { InlineLines, MdBlock, MdCode, MdHeading, MdListItem, MdParagraph, MdTable } from './markdown/block-nodes.ts';
import { readInlineSource } from './markdown/inline-source.ts';
import { parseInline, type InlineContent } from './markdown/parse-inline.ts';

// Everything the model needs from one top-level node. Offsets are relative to
// the node's start, so an edit elsewhere moves a block by changing `start` alone.

export interface HeadingFact {
  depth: 1 | 2 | 3 | 4 | 5 | 6;
  title: string;
  baseSlug: string;
  start: number;
  end: number;
}

export interface ChecklistFact {
  text: string;
  /** The text slugged and cut to 48 characters: its id within its section. */
  key: string;
  checked: boolean;
  depth: number;
  start: number;
  end: number;
  box: number;
  headingsBefore: number;
}

export interface LinkFact {
  /** Set for inline links and autolinks. */
  url?: string;
  /** Set for reference links (`[text][ref]`), resolved through the definitions. */
  identifier?: string;
  text: string;
  start: number;
  end: number;
}

export interface DefinitionFact {
  identifier: string;
  url: string;
}

export interface PlacedTableFact extends TableFact {
  headingsBefore: number;
}

/** What a top-level block is: a re-parse checks it, since a list or indented code shapes the blocks after it. */
export type BlockKind =
  | 'frontmatter'
  | 'paragraph'
  | 'table'
  | 'heading'
  | 'fencedCode'
  | 'indentedCode'
  | 'definition'
  | 'list'
  | 'blockquote'
  | 'html'
  | 'thematicBreak';

export interface BlockFacts {
  kind: BlockKind;
  /** Absolute offsets of the top-level node in the current source. */
  start: number;
  end: number;
  headings: HeadingFact[];
  codeBlocks: CodeBlockFact[];
  checklistItems: ChecklistFact[];
  tables: PlacedTableFact[];
  links: LinkFact[];
  definitions: DefinitionFact[];
  messages: MessageFact[];
  meta?: MetaFact;
}

export interface BlockInput {
  source: string;
  node: MdBlock;
  /** Whether a link reference definition with this identifier exists in the document. */
  isDefined: (identifier: string) => boolean;
  shellCache: ShellAnalysisCache;
}

const MAX_ITEM_KEY_LENGTH = 48;

/** The facts of the frontmatter block: only its meta, and messages about it. */
export function frontmatterFacts(fence: FrontmatterFence): BlockFacts {
  const { meta, messages } = readFrontmatter(fence.yaml, fence.yamlStart);
  return {
    ...emptyFacts('frontmatter', fence.start, fence.end),
    meta,
    messages: messages.map((message) => ({ ...message, start: message.start - fence.start, end: message.end - fence.start })),
  };
}

export function readBlockFacts(input: BlockInput): BlockFacts {
  const { node } = input;
  const kind = node.type === 'code' ? (node.fenced ? 'fencedCode' : 'indentedCode') : node.type === 'listItem' ? 'list' : node.type;
  const facts = emptyFacts(kind, node.start, node.end);
  new BlockWalker(input, facts).visit(input.node);
  return facts;
}

/** Facts of a block that holds nothing yet. */
export function emptyFacts(kind: BlockKind, start: number, end: number): BlockFacts {
  return { kind, start, end, headings: [], codeBlocks: [], checklistItems: [], tables: [], links: [], definitions: [], messages: [] };
}

type Visit = MdBlock | { leave: 'list' };

class BlockWalker {
  readonly #input: BlockInput;
  readonly #facts: BlockFacts;
  #listDepth = 0;

  constructor(input: BlockInput, facts: BlockFacts) {
    this.#input = input;
    this.#facts = facts;
  }

  /** Visits `root` and everything in it in document order, without recursion (nesting has no limit). */
  visit(root: MdBlock): void {
    const pending: Visit[] = [root];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if ('leave' in next) {
        this.#listDepth--;
        continue;
      }
      const node = next;
      switch (node.type) {
        case 'heading':
          this.#heading(node);
          break;
        case 'code':
          this.#code(node);
          break;
        case 'definition':
          this.#facts.definitions.push({ identifier: node.identifier, url: node.url });
          break;
        case 'paragraph':
          this.#paragraph(node);
          break;
        case 'table':
          this.#table(node);
          break;
        case 'listItem': {
          // A task item's paragraph was read with the item.
          const taskParagraph = this.#listItem(node);
          for (let index = node.children.length - 1; index >= 0; index--) {
            const child = node.children[index]!;
            if (child !== taskParagraph) pending.push(child);
          }
          break;
        }
        case 'list':
        case 'blockquote':
          if (node.type === 'list') {
            this.#listDepth++;
            pending.push({ leave: 'list' });
          }
          for (let index = node.children.length - 1; index >= 0; index--) pending.push(node.children[index]!);
          break;
        default:
          break;
      }
    }
  }

  #local(offset: number): number {
    return offset - this.#facts.start;
  }

  /** The inline content's text; its links become facts. */
  #inline(lines: InlineLines): string {
    const inline = readInlineSource(this.#input.source, lines);
    const content: InlineContent = parseInline(inline.text, this.#input.isDefined);
    for (const link of content.links) {
      const { start, end, text, url, identifier } = link;
      this.#facts.links.push({
        ...(url === undefined ? { identifier: identifier ?? '' } : { url }),
        text,
        start: this.#local(inline.toSource(start)),
        end: this.#local(inline.toSource(end)),
      });
    }
    return content.text;
  }

  #heading(node: MdHeading): void {
    const text = this.#inline(node.lines);
    this.#facts.headings.push({
      depth: node.depth,
      title: text.replace(/\s+/g, ' ').trim(),
      baseSlug: githubSlug(text),
      start: this.#local(node.start),
      end: this.#local(node.end),
    });
  }

  #code(node: MdCode): void {
    const fact = readCodeBlock(
      {
        source: this.#input.source,
        value: node.value,
        language: node.language ?? '',
        start: node.start,
        end: node.end,
        blockStart: this.#facts.start,
        headingsBefore: this.#facts.headings.length,
        shellCache: this.#input.shellCache,
      },
      this.#facts.messages,
    );
    if (fact !== undefined) this.#facts.codeBlocks.push(fact);
  }

  #paragraph(node: MdParagraph): void {
    this.#inline(node.lines);
  }

  #table(node: MdTable): void {
    const { fact, cells } = readGfmTable(this.#input.source, node.lines, node.start, node.end);
    // GFM reads each cell's inline content on its own: a link cannot span cells.
    for (let index = 0; index < cells.length; index += 2) {
      if ((cells[index] ?? 0) < (cells[index + 1] ?? 0)) this.#inline(cells.slice(index, index + 2));
    }
    this.#facts.tables.push({
      header: fact.header,
      rows: fact.rows,
      start: fact.start - this.#facts.start,
      end: fact.end - this.#facts.start,
      headingsBefore: this.#facts.headings.length,
    });
  }

  /** Reads a task item; the paragraph whose inline content it read. */
  #listItem(node: MdListItem): MdParagraph | undefined {
    if (node.checked === undefined) return undefined;
    const paragraph = node.children[0];
    if (paragraph?.type !== 'paragraph') return undefined;
    const start = this.#local(node.start);
    const end = this.#local(paragraph.end);
    if (node.box === undefined) {
      this.#facts.messages.push({
        ruleId: 'unusable-task-box',
        severity: 'info',
        reason: 'this task box is split across lines, so it cannot be ticked; write it as [ ] or [x]',
        start,
        end,
      });
      return undefined;
    }
    const text = this.#inline(paragraph.lines).replace(/\s+/g, ' ').trim();
    this.#facts.checklistItems.push({
      text,
      key: githubSlug(text).slice(0, MAX_ITEM_KEY_LENGTH).replace(/-+$/, '') || 'item',
      checked: node.checked,
      depth: Math.max(0, this.#listDepth - 1),
      start,
      end,
      box: this.#local(node.box),
      headingsBefore: this.#facts.headings.length,
    });
    return paragraph;
  }
}
