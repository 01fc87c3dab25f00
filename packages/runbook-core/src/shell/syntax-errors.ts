import { walkSyntaxTree, type SyntaxNode } from './syntax-node.ts';

export interface ShellSyntaxError {
  /** UTF-16 offsets into the analysed code, end exclusive. */
  start: number;
  end: number;
  reason: string;
}

/** What closes a construct, to explain an error that runs to the end of the code. */
const closers: ReadonlyMap<string, string> = new Map([
  ['if', 'fi'],
  ['then', 'fi'],
  ['else', 'fi'],
  ['elif', 'fi'],
  ['for', 'done'],
  ['while', 'done'],
  ['until', 'done'],
  ['select', 'done'],
  ['do', 'done'],
  ['case', 'esac'],
  ['{', '}'],
  ['(', ')'],
  ['$(', ')'],
  ['<(', ')'],
  ['>(', ')'],
  ['((', '))'],
  ['$((', '))'],
  ['[[', ']]'],
  ['[', ']'],
  ['${', '}'],
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['$"', '"'],
]);

/** Words that bash only accepts inside a compound command. */
const reservedWords = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);

/** Syntax errors in source order: error-recovery regions, missing tokens, stray reserved words. */
export function shellSyntaxErrors(root: SyntaxNode, code: string): ShellSyntaxError[] {
  const errors: ShellSyntaxError[] = [];
  const codeEnd = code.trimEnd().length;
  walkSyntaxTree(root, (node) => {
    if (node.type === 'ERROR') {
      errors.push({ start: node.start, end: node.end, reason: errorReason(node, code, codeEnd) });
      return false;
    }
    if (node.type === 'heredoc_redirect') {
      // bash only warns, but the commands meant to follow the heredoc are swallowed by it.
      const heredoc = unclosedHeredoc(node, code);
      if (heredoc) errors.push({ start: node.start, end: node.end, reason: heredoc });
    } else if (node.missing && node.type !== 'heredoc_end') {
      errors.push({ start: node.start, end: node.end, reason: node.named ? `missing ${node.type.replaceAll('_', ' ')}` : `missing "${node.type}"` });
    } else if (node.type === 'command_name' && node.children[0]?.type === 'word') {
      const word = code.slice(node.start, node.end);
      if (reservedWords.has(word)) errors.push({ start: node.start, end: node.end, reason: `unexpected "${word}"` });
    }
    return true;
  });
  return errors.sort((a, b) => a.start - b.start);
}

function errorReason(error: SyntaxNode, code: string, codeEnd: number): string {
  const heredoc = unclosedHeredoc(error, code);
  if (heredoc) return heredoc;
  const first = error.children[0];
  const opener = first && !first.named ? first.type : undefined;
  const closer = opener === undefined ? undefined : closers.get(opener);
  if (closer !== undefined && error.end >= codeEnd) return `"${opener}" is never closed by "${closer}"`;
  const near =
    code
      .slice(first?.start ?? error.start, first && first.end > first.start ? first.end : error.end)
      .trim()
      .split(/\s+/)[0] ?? '';
  const shown = near.length > 24 ? `${near.slice(0, 23)}…` : near;
  return shown ? `syntax error near "${shown}"` : 'syntax error';
}

function unclosedHeredoc(node: SyntaxNode, code: string): string | undefined {
  const start = node.children.find((child) => child.type === 'heredoc_start');
  const closed = node.children.some((child) => child.type === 'heredoc_end' && !child.missing && child.end > child.start);
  if (!start || closed) return undefined;
  const delimiter = code.slice(start.start, start.end).replace(/["'\\]/g, '');
  return `heredoc "${delimiter}" is never closed`;
}
