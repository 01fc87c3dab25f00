import { parseCommandArguments, type ArgumentSyntax } from './command-arguments.ts';
import { shellWord } from './shell-word.ts';
import { walkSyntaxTree, type SyntaxNode } from './syntax-node.ts';
import { ownValue } from './own-value.ts';

export interface ShellVariables {
  /**
   * Names read (`$X`, `${X}`, `${X:-d}`, `${#X}`, `${A[i]}`, arithmetic), in
   * first-use order, unique. A name read anywhere counts, even when the block
   * assigned it earlier: whether that assignment ran is for the reader to judge.
   * Special parameters (`$1`, `$@`, `$?`, …) are not variables.
   */
  reads: string[];
  /** Names given a value: `X=…`, `export X=…`, `declare`/`local`/`readonly X`, `read X`, `for X in`, `mapfile X`, `printf -v X`, `getopts … X`, `${X:=d}`, `((X++))`. `export X` alone exports but assigns nothing. */
  writes: string[];
  /** Names exported to later steps: `export X[=…]`, `declare -x X`. */
  exports: string[];
}

interface Occurrence {
  name: string;
  at: number;
}

/** Programs that assign the variables named in their operands, with the options that take a value. */
const assigningCommands: Readonly<
  Record<string, { syntax: ArgumentSyntax; arrayOption?: string; valueOption?: string; fromOperand: number; fallback?: string }>
> = {
  read: { syntax: { optionsWithValue: ['-a', '-d', '-i', '-n', '-N', '-p', '-t', '-u'] }, arrayOption: '-a', fromOperand: 0, fallback: 'REPLY' },
  mapfile: { syntax: { optionsWithValue: ['-d', '-n', '-O', '-s', '-u', '-C', '-c'] }, fromOperand: 0, fallback: 'MAPFILE' },
  readarray: { syntax: { optionsWithValue: ['-d', '-n', '-O', '-s', '-u', '-C', '-c'] }, fromOperand: 0, fallback: 'MAPFILE' },
  printf: { syntax: { optionsWithValue: ['-v'] }, valueOption: '-v', fromOperand: Number.POSITIVE_INFINITY },
  getopts: { syntax: {}, fromOperand: 1 },
};

const assignmentOperators = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^=', '**=']);
const arithmeticContexts = new Set(['arithmetic_expansion', 'c_style_for_statement']);
/** Nodes whose plain-word children may be arithmetic operands. */
const arithmeticParents = new Set([
  'binary_expression',
  'unary_expression',
  'postfix_expression',
  'parenthesized_expression',
  'ternary_expression',
  'c_style_for_statement',
]);
const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Collects variable use over a whole parsed block. */
export function shellVariables(root: SyntaxNode, code: string): ShellVariables {
  const reads: Occurrence[] = [];
  const writes: Occurrence[] = [];
  const exports: Occurrence[] = [];
  const text = (node: SyntaxNode): string => code.slice(node.start, node.end);
  const add = (list: Occurrence[], node: SyntaxNode, name = text(node)): void => {
    if (identifier.test(name)) list.push({ name, at: node.start });
  };

  walkSyntaxTree(root, (node) => {
    switch (node.type) {
      case 'variable_name':
        if (isRead(node)) add(reads, node);
        if (isArithmeticWrite(node)) add(writes, node);
        break;
      case 'word':
        // `for ((i = 0; i < N; i++))` gives plain words where `$((…))` gives variable names.
        if (node.parent && arithmeticParents.has(node.parent.type) && inArithmetic(node) && identifier.test(text(node))) {
          add(reads, node);
          if (isArithmeticWrite(node)) add(writes, node);
        }
        break;
      case 'variable_assignment': {
        const target = assignmentTarget(node);
        if (target) {
          add(writes, target);
          if (node.parent?.type === 'declaration_command' && exportsNames(node.parent, code)) add(exports, target);
        }
        break;
      }
      case 'declaration_command':
        for (const child of node.children) {
          if (child.type !== 'variable_name') continue;
          const keyword = node.children[0]?.type;
          if (keyword !== 'export') add(writes, child);
          if (exportsNames(node, code)) add(exports, child);
        }
        break;
      case 'for_statement': {
        const variable = node.children.find((child) => child.field === 'variable');
        if (variable) add(writes, variable);
        break;
      }
      case 'expansion':
        if (node.children.some((child) => child.field === 'operator' && (child.type === ':=' || child.type === '='))) {
          const name = node.children.find((child) => child.type === 'variable_name');
          if (name) add(writes, name);
        }
        break;
      case 'command':
        commandAssignments(node, code, (name, at) => writes.push({ name, at }));
        break;
    }
  });

  return { reads: uniqueInOrder(reads), writes: uniqueInOrder(writes), exports: uniqueInOrder(exports) };
}

function isRead(node: SyntaxNode): boolean {
  const { parent } = node;
  if (!parent) return false;
  switch (parent.type) {
    case 'variable_assignment':
      return node.field !== 'name';
    case 'subscript':
      return !(node.field === 'name' && parent.parent?.type === 'variable_assignment' && parent.field === 'name');
    case 'declaration_command':
    case 'unset_command':
    case 'for_statement':
      return false;
    default:
      return true;
  }
}

function assignmentTarget(assignment: SyntaxNode): SyntaxNode | undefined {
  const name = assignment.children.find((child) => child.field === 'name');
  if (name?.type === 'subscript') return name.children.find((child) => child.field === 'name');
  return name?.type === 'variable_name' ? name : undefined;
}

function exportsNames(declaration: SyntaxNode, code: string): boolean {
  const keyword = declaration.children[0]?.type;
  const flags = declaration.children.filter((child) => child.type === 'word').map((child) => code.slice(child.start, child.end));
  if (keyword === 'export') return !flags.some((flag) => /^-[a-z]*[nf]/.test(flag));
  if (keyword === 'declare' || keyword === 'typeset') return flags.some((flag) => /^-[a-zA-Z]*x/.test(flag));
  return false;
}

function inArithmetic(node: SyntaxNode): boolean {
  for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
    if (arithmeticContexts.has(ancestor.type)) return true;
    if (ancestor.type === 'compound_statement') return ancestor.children[0]?.type === '((';
    if (ancestor.type === 'command' || ancestor.type === 'do_group' || ancestor.type === 'command_substitution') return false;
  }
  return false;
}

/** `x = 1`, `x += 2`, `x++`, `--x` inside arithmetic. */
function isArithmeticWrite(node: SyntaxNode): boolean {
  const { parent } = node;
  if (!parent) return false;
  if (parent.type === 'postfix_expression' || parent.type === 'unary_expression') {
    return parent.children.some((child) => child.type === '++' || child.type === '--');
  }
  if (parent.type === 'binary_expression' && node.field === 'left') {
    const operator = parent.children.find((child) => child.field === 'operator');
    return operator !== undefined && assignmentOperators.has(operator.type) && inArithmetic(node);
  }
  return false;
}

function commandAssignments(command: SyntaxNode, code: string, write: (name: string, at: number) => void): void {
  const name = command.children.find((child) => child.field === 'name');
  const program = name ? shellWord(name, code).value : undefined;
  const spec = program === undefined ? undefined : ownValue(assigningCommands, program);
  if (!spec) return;
  const words = command.children.filter((child) => child.field === 'argument');
  const parsed = parseCommandArguments(
    words.map((word) => shellWord(word, code)),
    spec.syntax,
  );
  const at = command.start;
  let wrote = false;
  for (const option of parsed.options) {
    if ((option.name === spec.arrayOption || option.name === spec.valueOption) && option.value !== undefined) {
      write(option.value, at);
      wrote = true;
    }
  }
  for (const operand of parsed.operands.slice(spec.fromOperand)) {
    if (operand.value !== undefined && identifier.test(operand.value)) {
      write(operand.value, at);
      wrote = true;
    }
  }
  if (!wrote && spec.fallback) write(spec.fallback, at);
}

function uniqueInOrder(occurrences: Occurrence[]): string[] {
  const sorted = occurrences.slice().sort((a, b) => a.at - b.at);
  return [...new Set(sorted.filter((occurrence) => identifier.test(occurrence.name)).map((occurrence) => occurrence.name))];
}
