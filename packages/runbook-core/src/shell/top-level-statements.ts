import type { ShellSyntaxError } from './syntax-errors.ts';
import type { SyntaxNode } from './syntax-node.ts';

/** A top-level statement of a block as a person reads it: one command, with the comment that heads it. */
export interface TopLevelStatement {
  /** Usually one node; more when bash would read them as one line (see `mergeUnseparated`). */
  nodes: SyntaxNode[];
  start: number;
  end: number;
  heading?: string;
}

/**
 * Splits a program into its top-level statements and finds each one's
 * heading: the contiguous own-line `#` comments directly above it (a blank
 * line breaks contiguity; a shebang never heads). A statement without its
 * own comment that directly follows the previous statement (no blank line)
 * shares that statement's heading, so one heading covers the lines below it.
 */
export function topLevelStatements(
  program: SyntaxNode,
  code: string,
  knownErrors: readonly ShellSyntaxError[],
): { statements: TopLevelStatement[]; errors: ShellSyntaxError[] } {
  const statements: TopLevelStatement[] = [];
  const errors: ShellSyntaxError[] = [];
  let comments: { lines: string[]; end: number } | undefined;
  let previousEnd = 0;
  let isFirst = true;

  for (const node of program.children) {
    if (!node.named) continue;
    const gap = code.slice(previousEnd, node.start);
    const last = statements.at(-1);
    if (node.type === 'comment') {
      const text = code.slice(node.start, node.end);
      const ownLine = isFirst || gap.includes('\n');
      if (isFirst && text.startsWith('#!')) comments = undefined;
      else if (!ownLine) comments = undefined;
      else if (comments && newlines(code.slice(comments.end, node.start)) <= 1) comments = { lines: [...comments.lines, commentText(text)], end: node.end };
      else comments = { lines: [commentText(text)], end: node.end };
    } else if (last && (node.start < last.end || !separates(gap))) {
      // bash reads these as one line: `1. Primary engineer (0-15 minutes)` is one (broken) command.
      const reported = knownErrors.some((error) => error.start >= last.end && error.start <= node.start);
      if (!reported && node.type !== 'ERROR' && node.start >= last.end)
        errors.push({ start: node.start, end: node.end, reason: `syntax error near "${firstWord(code.slice(node.start, node.end))}"` });
      last.nodes.push(node);
      last.end = Math.max(last.end, node.end);
      comments = undefined;
    } else {
      const statement: TopLevelStatement = { nodes: [node], start: node.start, end: node.end };
      const heading =
        comments && newlines(code.slice(comments.end, node.start)) <= 1
          ? comments.lines.join('\n').trim()
          : last && newlines(code.slice(last.end, node.start)) <= 1
            ? last.heading
            : undefined;
      if (heading) statement.heading = heading;
      statements.push(statement);
      comments = undefined;
    }
    previousEnd = Math.max(previousEnd, node.end);
    isFirst = false;
  }
  return { statements, errors };
}

function commentText(comment: string): string {
  let at = 0;
  while (comment[at] === '#') at++;
  return comment.slice(at).trim();
}

function separates(gap: string): boolean {
  return gap.includes('\n') || gap.includes(';') || gap.includes('&');
}

function newlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function firstWord(text: string): string {
  const word = text.trim().split(/\s+/)[0] ?? '';
  return word.length > 24 ? `${word.slice(0, 23)}…` : word;
}
