import type { SyntaxNode } from './syntax-node.ts';

// The last few syntax trees built, by code: lint asks for the tree of every
// step the parser has just analysed, and parsing again costs as much as the
// analysis itself. Bounded, so a long editing session cannot grow it.
const MAX_TREES = 256;
const trees = new Map<string, SyntaxNode>();

export function rememberSyntaxTree(code: string, root: SyntaxNode): void {
  trees.delete(code);
  trees.set(code, root);
  if (trees.size > MAX_TREES) trees.delete(trees.keys().next().value as string);
}

/** The tree of `code` if it was built recently; treat it as read-only. */
export function recentSyntaxTree(code: string): SyntaxNode | undefined {
  return trees.get(code);
}
