import type { Step } from '../../model.ts';
import { isShellGrammarLoaded } from '../../shell/grammar.ts';
import { parseShell } from '../../shell/parse-shell.ts';
import type { SyntaxNode } from '../../shell/syntax-node.ts';

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

/** The text of a node in the code it was parsed from. */
export function nodeText(node: SyntaxNode, code: string): string {
  return code.slice(node.start, node.end);
}
