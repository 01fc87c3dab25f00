import { frontmatterFacts, readBlockFacts, type BlockFacts } from './block-facts.ts';
import { findFrontmatter } from './frontmatter-fence.ts';
import { scanBlocks } from './markdown/scan-blocks.ts';
import type { ShellAnalysisCache } from './step-analysis.ts';

export interface ReadBlocksOptions {
  shellCache: ShellAnalysisCache;
  /**
   * Identifiers of link reference definitions outside the range: `[text][label]`
   * inside it is a link only when `label` is defined somewhere in the file.
   */
  outsideDefinitions?: ReadonlySet<string>;
}

export interface ReadBlocks {
  blocks: BlockFacts[];
  /** A block was still open at `to` (an unclosed fence, say): the range was too small. */
  overflow: boolean;
}

/**
 * Reads the Markdown of `source` from `from` (a line start) to `to` and the
 * facts of every top-level block. At offset 0 it first takes a BOM and the
 * YAML frontmatter, as GitHub does.
 */
export function readBlocks(source: string, from: number, to: number, options: ReadBlocksOptions): ReadBlocks {
  const blocks: BlockFacts[] = [];
  let base = from;
  if (from === 0) {
    const head = readHead(source, to);
    if (head.overflow) return { blocks, overflow: true };
    if (head.frontmatter !== undefined) blocks.push(head.frontmatter);
    base = head.markdownStart;
  }
  const scanned = scanBlocks(source, base, to);
  const outside = options.outsideDefinitions;
  const isDefined =
    outside === undefined || outside.size === 0
      ? (identifier: string) => scanned.definitions.has(identifier)
      : (identifier: string) => scanned.definitions.has(identifier) || outside.has(identifier);
  for (const node of scanned.blocks) blocks.push(readBlockFacts({ source, node, isDefined, shellCache: options.shellCache }));
  return { blocks, overflow: scanned.open && to < source.length };
}

export interface Head {
  frontmatter?: BlockFacts;
  /** Where the Markdown starts: past a BOM and the frontmatter. */
  markdownStart: number;
  /** The frontmatter runs past `to`. */
  overflow: boolean;
}

/** A leading BOM and the YAML frontmatter, which come before any Markdown. */
export function readHead(source: string, to: number): Head {
  const start = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fence = findFrontmatter(source, start);
  if (fence === undefined) return { markdownStart: start, overflow: false };
  if (fence.end > to) return { markdownStart: start, overflow: true };
  return { frontmatter: frontmatterFacts(fence), markdownStart: Math.min(fence.next, to), overflow: false };
}
