import type { BlockFacts } from '../../../src/parse/block-facts.ts';
import { readHead } from '../../../src/parse/read-blocks.ts';
import { readBlockFacts } from './block-facts-from-mdast.ts';
import { parseMarkdown } from './markdown-syntax-tree.ts';

/** The facts of every top-level node of the whole of `source`, read through remark-parse. */
export function readBlocksWithRemark(source: string): BlockFacts[] {
  const head = readHead(source, source.length);
  const blocks: BlockFacts[] = head.frontmatter === undefined ? [] : [head.frontmatter];
  let base = head.markdownStart;
  let text = source.slice(base);
  if (text.charCodeAt(0) === 0xfeff) {
    // micromark drops a BOM that starts its input; here it is text, so give it a neutral blank line to follow.
    text = `\n${text}`;
    base--;
  }
  const shellCache = new Map();
  for (const node of parseMarkdown(text).children) blocks.push(readBlockFacts({ source, node, base, shellCache }));
  return blocks;
}
