// Tables, frontmatter and sections as micromark's own GFM table and
// frontmatter extensions and github-slugger read them: a check that shares
// nothing with the parser (not its table reader, frontmatter fence, slugger or
// assembleRunbook), so where the two agree, neither copied the other's mistake.
import GithubSlugger from 'github-slugger';
import type { Nodes, Root, Table, TableCell } from 'mdast';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { toString as mdastToString } from 'mdast-util-to-string';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { type Processor, unified } from 'unified';

export interface RemarkSection {
  slug: string;
  title: string;
  depth: number;
  parent?: string;
  start: number;
  end: number;
}

export interface RemarkTable {
  header: string[];
  rows: string[][];
  section?: string;
  start: number;
  end: number;
}

export interface RemarkGfmReading {
  /** The YAML frontmatter, fences included, and its text. */
  frontmatter?: { start: number; end: number; yaml: string };
  sections: RemarkSection[];
  tables: RemarkTable[];
}

function remarkGfmTablesAndFrontmatter(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), frontmatter());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), frontmatterFromMarkdown());
}

function remarkGfmTables(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const withFrontmatter = unified().use(remarkParse).use(remarkGfmTablesAndFrontmatter).freeze();
const withoutFrontmatter = unified().use(remarkParse).use(remarkGfmTables).freeze();

// A `---` first line that no later `---` line closes: micromark-extension-frontmatter's
// failed attempt there stops every later list and blockquote from parsing (its
// issue #5), so such a text is read without the extension (it has no frontmatter).
const unclosedFrontmatter = /^---[ \t]*(?:\r\n|\r|\n)(?![\s\S]*?(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$))/;

// The parser's rule for the text of a heading: image alt and raw HTML are no text.
const textOptions = { includeImageAlt: false, includeHtml: false };

/** What remark (GFM tables, frontmatter) and github-slugger read in `source`. */
export function readWithRemarkGfm(source: string): RemarkGfmReading {
  // micromark drops a leading BOM and counts offsets without it.
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = source.slice(bom);
  const tree: Root = (unclosedFrontmatter.test(text) ? withoutFrontmatter : withFrontmatter).parse(text);
  return new TreeReader(source, bom).read(tree);
}

class TreeReader {
  readonly #source: string;
  readonly #shift: number;
  readonly #slugger = new GithubSlugger();
  readonly #reading: RemarkGfmReading = { sections: [], tables: [] };
  readonly #open: RemarkSection[] = [];

  constructor(source: string, shift: number) {
    this.#source = source;
    this.#shift = shift;
  }

  read(tree: Root): RemarkGfmReading {
    this.#visit(tree);
    return this.#reading;
  }

  #visit(node: Nodes): void {
    if (node.type === 'yaml') {
      this.#reading.frontmatter = { start: this.#start(node), end: this.#end(node), yaml: node.value };
      return;
    }
    if (node.type === 'heading') this.#heading(node);
    else if (node.type === 'table') this.#table(node);
    if ('children' in node) for (const child of node.children) this.#visit(child);
  }

  #heading(node: Nodes & { type: 'heading' }): void {
    const text = mdastToString(node, textOptions);
    const section: RemarkSection = {
      slug: this.#slugger.slug(text),
      title: text.replace(/\s+/g, ' ').trim(),
      depth: node.depth,
      start: this.#start(node),
      end: this.#end(node),
    };
    while ((this.#open.at(-1)?.depth ?? 0) >= node.depth) this.#open.pop();
    const parent = this.#open.at(-1);
    if (parent !== undefined) section.parent = parent.slug;
    this.#open.push(section);
    this.#reading.sections.push(section);
  }

  #table(node: Table): void {
    const [head, ...body] = node.children;
    if (head === undefined) return;
    const header = head.children.map((cell) => this.#cellMarkdown(cell));
    // GitHub shows as many cells in a row as the header has: the rest are cut, missing ones empty.
    const fit = (cells: string[]): string[] => header.map((_, index) => cells[index] ?? '');
    const table: RemarkTable = {
      header,
      rows: body.map((row) => fit(row.children.map((cell) => this.#cellMarkdown(cell)))),
      start: this.#start(node),
      end: this.#end(node),
    };
    const section = this.#reading.sections.at(-1)?.slug;
    if (section !== undefined) table.section = section;
    this.#reading.tables.push(table);
  }

  /** A cell's content as written (from its first inline node to its last), `\|` read as `|`. */
  #cellMarkdown(cell: TableCell): string {
    const first = cell.children[0];
    const last = cell.children.at(-1);
    if (first === undefined || last === undefined) return '';
    return this.#source.slice(this.#start(first), this.#end(last)).replaceAll('\\|', '|');
  }

  #start(node: Nodes): number {
    return (node.position?.start.offset ?? 0) + this.#shift;
  }

  #end(node: Nodes): number {
    return (node.position?.end.offset ?? 0) + this.#shift;
  }
}
