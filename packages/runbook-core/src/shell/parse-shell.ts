import { shellParser } from './grammar.ts';
import { recentSyntaxTree } from './recent-syntax-trees.ts';
import { copySyntaxTree, type SyntaxNode } from './syntax-node.ts';

/** Parses shell code into plain syntax nodes, or reuses the tree the parser kept for the same code. */
export function parseShell(code: string): SyntaxNode | undefined {
  const recent = recentSyntaxTree(code);
  if (recent !== undefined) return recent;
  const tree = shellParser().parse(code);
  if (!tree) return undefined;
  try {
    return copySyntaxTree(tree);
  } finally {
    tree.delete();
  }
}
