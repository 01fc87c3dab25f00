import type { Step } from '../../model.ts';
import { isShellGrammarLoaded, shellParser } from '../../shell/grammar.ts';
import { recentSyntaxTree } from '../../shell/recent-syntax-trees.ts';
import { copySyntaxTree, type SyntaxNode } from '../../shell/syntax-node.ts';

const trees = new WeakMap<Step, SyntaxNode | null>();

/**
 * The syntax tree of a shell step's code, parsed once per step however many
 * rules ask. The model keeps only the analysis, not the tree; undefined when
 * the step is not shell or the grammar is not loaded.
 */
export function shellSyntax(step: Step): SyntaxNode | undefined {
  if (!step.isShell || !isShellGrammarLoaded()) return undefined;
  let root = trees.get(step);
  if (root === undefined) {
    root = parseShell(step.code) ?? null;
    trees.set(step, root);
  }
  return root ?? undefined;
}

/** Parses shell code into plain syntax nodes (the grammar must be loaded), or reuses the parser's tree. */
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

/** The text of a node in the code it was parsed from. */
export function nodeText(node: SyntaxNode, code: string): string {
  return code.slice(node.start, node.end);
}
