import { frontmatterFacts, readBlockFacts, type BlockFacts } from './block-facts.ts';
import { findFrontmatter } from './frontmatter-fence.ts';
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
 * every top-level node. At offset 0 it first takes a BOM and the YAML
 * frontmatter, as micromark and GitHub do, keeping offsets in `source`'s terms.
 */
export function readBlocks(source: string, from: number, to: number, options: ReadBlocksOptions): ReadBlocks {
  const blocks: BlockFacts[] = [];
  let base = from;
  if (from === 0) {
    base = source.charCodeAt(0) === 0xfeff ? 1 : 0;
    const frontmatter = findFrontmatter(source, base);
    if (frontmatter !== undefined) {
      if (frontmatter.end > to) return { blocks, overflow: true };
      blocks.push(frontmatterFacts(frontmatter));
      base = Math.min(frontmatter.next, to);
    }
  }
  let text = source.slice(base, to);
  if (text.charCodeAt(0) === 0xfeff) {
    // micromark drops a BOM that starts its input; here it is text, so give it a neutral blank line to follow.
    text = `\n${text}`;
    base--;
  }
  const length = text.length;
  const labels = usableLabels(options.outsideDefinitionLabels ?? [], text);
  // Defined labels go after a blank line; the nodes they become are dropped below.
  if (labels.length > 0) text += `\n\n${labels.map((label) => `[${label}]: #`).join('\n')}\n`;
  const root = parseMarkdown(text);
  for (const node of root.children) {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    if (start >= length) break;
    if (end > length) return { blocks, overflow: true };
    blocks.push(readBlockFacts({ source, node, base, shellCache: options.shellCache }));
  }
  return { blocks, overflow: false };
}

// Only labels a reference in `text` could use: every word of the label occurs
// in it (case-folded as micromark does). Definitions are costly to parse, and
// a document built from many pages has many.
function usableLabels(labels: readonly string[], text: string): string[] {
  if (labels.length === 0) return [];
  const folded = foldCase(text);
  return labels.filter((label) => foldCase(label).split(/\s+/).every((word) => folded.includes(word)));
}

function foldCase(text: string): string {
  return text.toLowerCase().toUpperCase();
}
