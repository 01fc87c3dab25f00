import type { SyntaxNode } from '../../shell/syntax-node.ts';

const inputRedirect = /^(?:<|<<|<<-|<<<|<&|<>)$/;

/**
 * Whether a command's standard input comes from somewhere in the script: a
 * `<` / heredoc / herestring redirect on it or an enclosing statement, or a
 * pipe into it (or into the loop or group holding it).
 */
export function hasScriptedStdin(command: SyntaxNode): boolean {
  let child: SyntaxNode = command;
  for (let node: SyntaxNode | null = command; node !== null; child = node, node = node.parent) {
    if (redirectsInput(node)) return true;
    if (node.type === 'pipeline' && node !== child && node.children.findIndex((part) => part.named) !== node.children.indexOf(child)) return true;
  }
  return false;
}

function redirectsInput(node: SyntaxNode): boolean {
  return node.children.some((part) => {
    if (part.field !== 'redirect') return false;
    if (part.type === 'heredoc_redirect' || part.type === 'herestring_redirect') return true;
    return part.type === 'file_redirect' && part.children.some((token) => !token.named && inputRedirect.test(token.type));
  });
}
