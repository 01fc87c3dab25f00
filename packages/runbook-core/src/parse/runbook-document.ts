import type { ParseOptions, Runbook } from '../model.ts';
import { assembleRunbook } from './assemble-runbook.ts';
import type { BlockFacts } from './block-facts.ts';
import { LineIndex } from './line-index.ts';
import { isLineEnding } from './markdown/character-codes.ts';
import { partitionPoint } from './partition-point.ts';
import { readBlocks } from './read-blocks.ts';
import type { ShellAnalysisCache } from './step-analysis.ts';

/** Replace `start`…`end` (UTF-16 offsets, end exclusive) of the current text with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * A runbook kept up to date as its text is edited (an editor's open document).
 * `update` re-parses only the top-level blocks around each edit and reuses
 * the rest, shell analyses included; the model it yields is identical to
 * `parseRunbook` of the new text. Where locality cannot be shown — a link
 * reference definition added, removed or renamed, a block that swallows the
 * rest of the file — it parses the whole text instead.
 *
 * The model's parts are shared with the document: treat them as read-only.
 */
export class RunbookDocument {
  #source: string;
  #blocks: BlockFacts[];
  #lines: LineIndex;
  #runbook: Runbook;
  #shellCache: ShellAnalysisCache = new Map();
  readonly #path: string | undefined;

  constructor(source: string, options: ParseOptions = {}) {
    this.#path = options.path;
    this.#source = source;
    this.#blocks = this.#readAll(source);
    this.#lines = new LineIndex(source);
    this.#runbook = assembleRunbook(this.#blocks, this.#lines, this.#path);
  }

  get source(): string {
    return this.#source;
  }

  get runbook(): Runbook {
    return this.#runbook;
  }

  /** Applies edits in order, each against the text left by the ones before (as LSP does). */
  update(edits: readonly TextEdit[]): Runbook {
    if (!Array.isArray(edits)) throw new TypeError(`RunbookDocument.update: edits must be an array, got ${typeof edits}`);
    if (edits.length === 0) return this.#runbook;
    // Check every edit before applying any, so a bad one leaves the document as it was.
    let length = this.#source.length;
    for (const edit of edits) {
      checkEdit(edit, length);
      length += edit.text.length - (edit.end - edit.start);
    }
    for (const edit of edits) this.#apply(edit);
    this.#runbook = assembleRunbook(this.#blocks, this.#lines, this.#path);
    this.#pruneShellCache();
    return this.#runbook;
  }

  #apply(edit: TextEdit): void {
    const old = this.#source;
    const source = old.slice(0, edit.start) + edit.text + old.slice(edit.end);
    this.#source = source;
    this.#lines = this.#lines.edited(source, edit.start, edit.end, edit.text.length);
    const local = !touchesFenceMarker(old, edit.start, edit.end) && !touchesFenceMarker(source, edit.start, edit.start + edit.text.length);
    if (!local || !this.#reparseAround(old, source, edit)) this.#blocks = this.#readAll(source);
  }

  /**
   * Re-parses from the block before the edit to a block after it, growing the
   * window until its last block comes out exactly as before (shifted), so the
   * parse state after the window is what it was. `false`: parse everything.
   */
  #reparseAround(old: string, source: string, edit: TextEdit): boolean {
    const blocks = this.#blocks;
    if (blocks.length === 0) return false;
    const delta = edit.text.length - (edit.end - edit.start);
    // One unchanged block before the one holding the edit's start, where the parse state is fresh.
    let first = Math.max(0, partitionPoint(blocks, (block) => block.start <= edit.start) - 2);
    while (first > 0 && !startsFresh(old, blocks, first)) first--;
    if (first === 0 && blocks[0]?.meta !== undefined) {
      // Frontmatter closes at the first `---` line anywhere below: edited, it cannot be re-read locally.
      if (edit.start <= blocks[0].end || blocks.length === 1) return false;
      first = 1;
    }
    if (first === 0 && opensFrontmatter(source)) return false;
    const last = Math.min(
      blocks.length - 1,
      partitionPoint(blocks, (block) => block.end < edit.end),
    );
    const from = windowStart(old, blocks, first);
    if (from === -1 || from > edit.start) return false;
    for (let margin = 1; ; margin *= 2) {
      const through = Math.min(blocks.length - 1, last + margin);
      const atEnd = through === blocks.length - 1;
      const to = atEnd ? old.length : lineStartBefore(old, blocks[through + 1]?.start ?? old.length);
      if (to === -1) return false;
      const replaced = blocks.slice(first, through + 1);
      const result = readBlocks(source, from, to + delta, {
        shellCache: this.#shellCache,
        outsideDefinitions: definitionIdentifiers(blocks, first, through),
      });
      if (result.overflow && atEnd) return false;
      // The block before the edit must come back where it was.
      if (first > 0 && result.blocks[0]?.start !== replaced[0]?.start) return false;
      if (result.overflow) continue;
      if (
        !atEnd &&
        !(endsAsBefore(result.blocks.at(-1), replaced.at(-1), delta) && isFreshBoundary(source, result.blocks.at(-1), shifted(blocks[through + 1], delta)))
      )
        continue;
      if (!sameIdentifiers(replaced, result.blocks)) return false;
      for (const block of blocks.slice(through + 1)) shift(block, delta);
      blocks.splice(first, replaced.length, ...result.blocks);
      return true;
    }
  }

  #readAll(source: string): BlockFacts[] {
    return readBlocks(source, 0, source.length, { shellCache: this.#shellCache }).blocks;
  }

  // Keep analyses of the code that is still there, so the cache cannot grow without bound.
  #pruneShellCache(): void {
    const kept: ShellAnalysisCache = new Map();
    for (const block of this.#blocks) {
      for (const fact of block.codeBlocks) {
        const analysis = this.#shellCache.get(fact.code);
        if (analysis !== undefined) kept.set(fact.code, analysis);
      }
    }
    this.#shellCache = kept;
  }
}

function checkEdit(edit: TextEdit, length: number): void {
  if (edit === null || typeof edit !== 'object') throw new TypeError(`RunbookDocument.update: an edit must be { start, end, text }, got ${String(edit)}`);
  const { start, end, text } = edit;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > length) {
    throw new RangeError(`RunbookDocument.update: edit range ${String(start)}…${String(end)} is not within the text (length ${length})`);
  }
  if (typeof text !== 'string') throw new TypeError(`RunbookDocument.update: edit text must be a string, got ${typeof text}`);
}

// Where re-parsing may start: a line start with fresh parse state before it.
function windowStart(source: string, blocks: readonly BlockFacts[], first: number): number {
  if (first === 0) return 0;
  const previous = blocks[first - 1];
  // Right after frontmatter: the line after its closing fence (blank lines included).
  if (first === 1 && previous?.meta !== undefined) return nextLineStart(source, previous.end);
  return lineStartBefore(source, blocks[first]?.start ?? 0);
}

function nextLineStart(source: string, offset: number): number {
  if (source.charCodeAt(offset) === 13 && source.charCodeAt(offset + 1) === 10) return offset + 2;
  return Math.min(offset + 1, source.length);
}

/**
 * Whether the lines an edit spans hold a run of three backticks or tildes: a
 * fence that opens, closes or changes there can re-shape blocks far away
 * (inside lists too), so such edits are re-read whole.
 */
function touchesFenceMarker(source: string, start: number, end: number): boolean {
  // Walked by hand: searching for the line endings would scan the whole text when it has no `\r`.
  let from = start;
  while (from > 0 && !isLineEnding(source.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < source.length && !isLineEnding(source.charCodeAt(to))) to++;
  let run = 0;
  let previous = -1;
  for (let index = from; index < to; index++) {
    const code = source.charCodeAt(index);
    run = code === previous ? run + 1 : 1;
    previous = code;
    if (run >= 3 && (code === 96 || code === 126)) return true;
  }
  return false;
}

function opensFrontmatter(source: string): boolean {
  return /^\ufeff?---[ \t]*(?:\r\n|\r|\n)/.test(source);
}

function endsAsBefore(now: BlockFacts | undefined, before: BlockFacts | undefined, delta: number): boolean {
  return now !== undefined && before !== undefined && now.kind === before.kind && now.start === before.start + delta && now.end === before.end + delta;
}

// Block `index` parses the same on its own as after the blocks before it.
function startsFresh(source: string, blocks: readonly BlockFacts[], index: number): boolean {
  return isFreshBoundary(source, blocks[index - 1], blocks[index]);
}

/**
 * Whether `after` reads the same parsed on its own as after `before`. A
 * blank line must lie between them (without it `after` may have split off a
 * paragraph, after link definitions say). A list may go on after a blank
 * line, with indented lines or items of its kind; indented code stays open
 * over blank lines and keeps a line such as `2. Check` from starting a list,
 * as a paragraph would.
 */
function isFreshBoundary(source: string, before: BlockFacts | undefined, after: BlockFacts | undefined): boolean {
  if (before === undefined || after === undefined || before.kind === 'frontmatter') return true;
  if (!/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/.test(source.slice(before.end, after.start))) return false;
  const atLineStart = after.start === 0 || source[after.start - 1] === '\n' || source[after.start - 1] === '\r';
  if (before.kind === 'list') return atLineStart && after.kind !== 'list';
  if (before.kind === 'indentedCode') return atLineStart && after.kind !== 'list' && after.kind !== 'paragraph';
  return true;
}

function shifted(block: BlockFacts | undefined, delta: number): BlockFacts | undefined {
  return block === undefined ? undefined : { ...block, start: block.start + delta, end: block.end + delta };
}

function shift(block: BlockFacts, delta: number): void {
  block.start += delta;
  block.end += delta;
}

// Start of the line holding `offset`, or -1 when something other than indentation precedes it there.
function lineStartBefore(source: string, offset: number): number {
  let index = offset;
  while (index > 0) {
    const code = source.charCodeAt(index - 1);
    if (code === 10 || code === 13) return index;
    if (code !== 32 && code !== 9) return -1;
    index--;
  }
  return 0;
}

function definitionIdentifiers(blocks: readonly BlockFacts[], first: number, through: number): Set<string> {
  const identifiers = new Set<string>();
  for (let index = 0; index < blocks.length; index++) {
    if (index >= first && index <= through) continue;
    for (const definition of blocks[index]?.definitions ?? []) identifiers.add(definition.identifier);
  }
  return identifiers;
}

// Reference links elsewhere depend on which labels are defined: a change there is not local.
function sameIdentifiers(before: readonly BlockFacts[], after: readonly BlockFacts[]): boolean {
  const identifiers = (blocks: readonly BlockFacts[]) =>
    [...new Set(blocks.flatMap((block) => block.definitions.map((definition) => definition.identifier)))].sort().join('\n');
  return identifiers(before) === identifiers(after);
}
