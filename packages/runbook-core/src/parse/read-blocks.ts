import { readBlockFacts, type BlockFacts } from './block-facts.ts';
import { parseMarkdown } from './markdown-syntax-tree.ts';
import type { ShellAnalysisCache } from './step-analysis.ts';

export interface ReadBlocksOptions {
  shellCache: ShellAnalysisCache;
  /**
   * Labels of link reference definitions outside the range: `[text][label]`
   * inside it is a link only when `label` is defined somewhere in the file.
   */
  outsideDefinitionLabels?: readonly string[];
}

export interface ReadBlocks {
  blocks: BlockFacts[];
  /** A block ran past `to` (an unclosed fence, say): the range was too small. */
  overflow: boolean;
}

/**
 * Parses `source` from `from` (a line start) to `to` and reads the facts of
 * every top-level node. Frontmatter counts only at offset 0; a leading BOM is
 * skipped there, as micromark does, with offsets kept in `source`'s terms.
 */
export function readBlocks(source: string, from: number, to: number, options: ReadBlocksOptions): ReadBlocks {
  const base = from === 0 && source.charCodeAt(0) === 0xfeff ? 1 : 0;
  let text = source.slice(from + base, to);
  const length = text.length;
  const labels = options.outsideDefinitionLabels ?? [];
  // Defined labels go after a blank line; the nodes they become are dropped below.
  if (labels.length > 0) text += `\n\n${labels.map((label) => `[${label}]: #`).join('\n')}\n`;
  const root = parseMarkdown(text, from === 0);
  const blocks: BlockFacts[] = [];
  for (const node of root.children) {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    if (start >= length) break;
    if (end > length) return { blocks, overflow: true };
    blocks.push(readBlockFacts({ source, node, base: from + base, shellCache: options.shellCache }));
  }
  return { blocks, overflow: false };
}
