import type { Language, Tree } from 'web-tree-sitter';

/**
 * A plain-object copy of a tree-sitter node. The analysis walks these instead
 * of tree-sitter `Node`s: one pass over a cursor is far cheaper than a wasm
 * call per property access, and the tree can be freed right after.
 */
export interface SyntaxNode {
  type: string;
  named: boolean;
  /** Inserted by error recovery (e.g. a missing `fi`); has zero length. */
  missing: boolean;
  /** UTF-16 offsets into the analysed code, end exclusive. */
  start: number;
  end: number;
  /** Field name in the parent (`name`, `argument`, `body`, …), or null. */
  field: string | null;
  parent: SyntaxNode | null;
  children: SyntaxNode[];
}

/** Copies a tree into plain objects, iteratively (no recursion limit on deep input). */
export function copySyntaxTree(tree: Tree): SyntaxNode {
  const names = languageNames(tree.language);
  // Only a tree with errors can hold missing nodes; asking costs a wasm call per node.
  const mayHaveMissing = tree.rootNode.hasError;
  const cursor = tree.walk();
  const nodeAtCursor = (parent: SyntaxNode | null): SyntaxNode => {
    const typeId = cursor.nodeTypeId;
    return {
      type: names.types[typeId] ?? 'ERROR',
      named: names.named[typeId] ?? true,
      missing: mayHaveMissing && cursor.nodeIsMissing,
      start: cursor.startIndex,
      end: cursor.endIndex,
      field: parent === null ? null : (names.fields[cursor.currentFieldId] ?? null),
      parent,
      children: [],
    };
  };
  try {
    const root = nodeAtCursor(null);
    let current = root;
    if (!cursor.gotoFirstChild()) return root;
    for (;;) {
      const node = nodeAtCursor(current);
      current.children.push(node);
      if (cursor.gotoFirstChild()) {
        current = node;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || current.parent === null) return root;
        current = current.parent;
      }
    }
  } finally {
    cursor.delete();
  }
}

interface LanguageNames {
  types: readonly (string | undefined)[];
  named: readonly (boolean | undefined)[];
  fields: readonly (string | null | undefined)[];
}

const namesByLanguage = new WeakMap<Language, LanguageNames>();

function languageNames(language: Language): LanguageNames {
  let names = namesByLanguage.get(language);
  if (!names) {
    const named = language.types.map((_, id) => language.nodeTypeIsNamed(id));
    names = { types: language.types, named, fields: language.fields };
    namesByLanguage.set(language, names);
  }
  return names;
}

/** Visits `root` and its descendants in source order, without recursion. Return false to skip a node's children. */
// biome-ignore lint/suspicious/noConfusingVoidType: a visitor that returns nothing visits every child.
export function walkSyntaxTree(root: SyntaxNode, visit: (node: SyntaxNode) => boolean | void): void {
  const stack: SyntaxNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (visit(node) === false) continue;
    const { children } = node;
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}

export function childOfType(node: SyntaxNode, type: string): SyntaxNode | undefined {
  return node.children.find((child) => child.type === type);
}

export function childrenWithField(node: SyntaxNode, field: string): SyntaxNode[] {
  return node.children.filter((child) => child.field === field);
}
