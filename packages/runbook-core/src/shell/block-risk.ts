import { commandRisk, matchesPattern, type CommandRisk, type CommandRiskScope } from './command-risk.ts';
import { shellParser } from './grammar.ts';
import { worseDecision, type RiskDecision } from './risk.ts';
import { harmlessOutputFiles } from './risk-table.ts';
import { shellWord, type ShellWord } from './shell-word.ts';
import { copySyntaxTree, walkSyntaxTree, type SyntaxNode } from './syntax-node.ts';

/** Scripts inside scripts (`bash -c "sh -c '…'"`) are followed this deep. */
const maxScriptDepth = 4;
/** Calls of functions that call functions are followed this deep. */
const maxCallDepth = 32;

/**
 * Risk for the statements of one parsed script: every command, output
 * redirection and function call in a statement counts, and the worst decides.
 */
export class BlockRisk {
  readonly #code: string;
  readonly #depth: number;
  readonly #functions = new Map<string, SyntaxNode>();
  readonly #functionRisks = new Map<string, CommandRisk | 'pending'>();
  readonly #scope: CommandRiskScope;
  #callDepth = 0;

  constructor(code: string, root: SyntaxNode, depth = 0) {
    this.#code = code;
    this.#depth = depth;
    walkSyntaxTree(root, (node) => {
      if (node.type !== 'function_definition') return true;
      const name = node.children.find((child) => child.field === 'name');
      if (name) this.#functions.set(code.slice(name.start, name.end), node);
      return true;
    });
    this.#scope = {
      functionRisk: (name) => this.#functionRisk(name),
      scriptRisk: (script) => scriptRisk(script, this.#depth + 1),
    };
  }

  /** The worst part of a statement (or any subtree), and every program it runs in source order. */
  statementRisk(statement: SyntaxNode): CommandRisk {
    let decision: RiskDecision = { risk: 'read' };
    const programs: string[] = [];
    walkSyntaxTree(statement, (node) => {
      if (node.type === 'command') {
        const found = commandRisk(commandWords(node, this.#code), standardInput(node, this.#code), this.#scope);
        decision = worseDecision(decision, found);
        for (const program of found.programs) if (!programs.includes(program)) programs.push(program);
      } else if (node.type === 'file_redirect') {
        decision = worseDecision(decision, redirectRisk(node, this.#code));
      }
      return true;
    });
    return { ...decision, programs };
  }

  #functionRisk(name: string): CommandRisk | undefined {
    const definition = this.#functions.get(name);
    if (!definition) return undefined;
    const known = this.#functionRisks.get(name);
    if (known === 'pending') return { risk: 'read', programs: [] }; // recursion: the body is being decided already
    if (known) return known;
    if (this.#callDepth >= maxCallDepth) return { risk: 'mutate', reason: `function ${name} calls too deep to follow`, programs: [] };
    this.#functionRisks.set(name, 'pending');
    this.#callDepth++;
    const body = definition.children.find((child) => child.field === 'body');
    const risk = body ? this.statementRisk(body) : { risk: 'read' as const, programs: [] };
    this.#callDepth--;
    this.#functionRisks.set(name, risk);
    return risk;
  }
}

function scriptRisk(script: string, depth: number): CommandRisk {
  if (depth > maxScriptDepth) return { risk: 'mutate', reason: 'scripts nested too deep to follow', programs: [] };
  const tree = shellParser().parse(script);
  if (!tree) return { risk: 'mutate', reason: 'a script that could not be parsed', programs: [] };
  let root: SyntaxNode;
  try {
    root = copySyntaxTree(tree);
  } finally {
    tree.delete();
  }
  return new BlockRisk(script, root, depth).statementRisk(root);
}

/** The command's words, program first; `NAME=value` prefixes and redirections are not words. */
function commandWords(command: SyntaxNode, code: string): ShellWord[] {
  const words: ShellWord[] = [];
  for (const child of command.children) {
    if (child.field === 'name' || child.field === 'argument') words.push(shellWord(child, code));
  }
  return words;
}

/** Text the command reads from heredocs and here-strings attached to it. */
function standardInput(command: SyntaxNode, code: string): string[] {
  const redirects = command.children.filter((child) => child.type === 'herestring_redirect');
  const { parent } = command;
  if (parent?.type === 'redirected_statement' && command.field === 'body') {
    redirects.push(...parent.children.filter((child) => child.type === 'heredoc_redirect' || child.type === 'herestring_redirect'));
  }
  const texts: string[] = [];
  for (const redirect of redirects) {
    if (redirect.type === 'heredoc_redirect') {
      const body = redirect.children.find((child) => child.type === 'heredoc_body');
      if (body) texts.push(code.slice(body.start, body.end));
    } else {
      const word = redirect.children.find((child) => child.named);
      if (word) texts.push(shellWord(word, code).script);
    }
  }
  return texts;
}

const writingOperators = new Set(['>', '>>', '&>', '&>>', '>|', '<>', '>&']);

function redirectRisk(redirect: SyntaxNode, code: string): RiskDecision {
  const operator = redirect.children.find((child) => !child.named);
  const destination = redirect.children.find((child) => child.field === 'destination');
  if (!operator || !destination || !writingOperators.has(operator.type)) return { risk: 'read' };
  const target = shellWord(destination, code);
  const isDuplication = operator.type === '>&' && target.value !== undefined && /^(\d+|-)$/.test(target.value);
  if (isDuplication) return { risk: 'read' };
  if (target.value !== undefined && harmlessOutputFiles.some((pattern) => matchesPattern(target.value!, pattern, false))) return { risk: 'read' };
  return { risk: 'mutate', reason: `output redirection ${operator.type} ${target.raw}` };
}
