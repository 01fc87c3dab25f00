import type { Step } from '../../model.ts';
import { walkSyntaxTree, type SyntaxNode } from '../../shell/syntax-node.ts';
import { lineAt, lineStarts } from './line-starts.ts';

/** Consecutive lines of a shell step that are not shell: prose, or a `$ ` prompt transcript. */
export interface ProseRun {
  kind: 'prose' | 'prompt';
  /** 0-based code lines, inclusive. */
  firstLine: number;
  lastLine: number;
  /** The first line, trimmed, for messages. */
  sample: string;
}

// A list marker, then a word that is not a call (`- sum(rate(…` is PromQL, not a list).
const listMarker = /^(?:\d{1,3}[.)]|[-*•])\s+[\p{L}\p{N}][\p{L}\p{N}'’-]*(?:[\s,.:;!?]|$)/u;
/** A shell prompt at the start of a line: `$ `, `❯ `, `sh-4.4# `, `[root@node-1 ~]# `, `bash-5.1$ `. */
export const promptPrefix = /^(?:[$❯]|[\w.-]+[#$]|\[[^\]\n]*\][#$])\s+/;
const prompt = new RegExp(`${promptPrefix.source}\\S`);
const labelLine = /^[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}:(?:\s|$)/;
// Words, digits and sentence punctuation only; any shell syntax rules it out.
const plainWords = /^[\p{L}\p{N}][\p{L}\p{N}'’,.:;!?()-]*(?:\s+[\p{L}\p{N}'’,.:;!?()-]+)+$/u;
const multiLineNodes = new Set(['heredoc_body', 'string', 'raw_string', 'ansi_c_string', 'translated_string']);

/**
 * Finds lines a shell would try to run as commands though they are not:
 * numbered or bulleted list items, labels (`Note:`, `Example output:`),
 * sentences (a capitalised word, then only words and punctuation, four words
 * or more), and prompts (`$ `, `sh-4.4# `, …). Lines inside heredocs and multi-line strings,
 * comments and continuation lines are never prose. The syntax tree supplies
 * the heredoc and string extents; regions tree-sitter could not parse are
 * not trusted for that.
 */
export function proseRuns(step: Step, root: SyntaxNode | undefined): ProseRun[] {
  return readLines(step, root).runs;
}

/** Whether every line that starts a command starts with a prompt (a transcript without output). */
export function onlyPromptedCommands(step: Step, root: SyntaxNode | undefined): boolean {
  return readLines(step, root).commandLines === 0;
}

const read = new WeakMap<Step, { runs: ProseRun[]; commandLines: number }>();

/** The step's lines, classified once per step (several rules ask). */
function readLines(step: Step, root: SyntaxNode | undefined): { runs: ProseRun[]; commandLines: number } {
  let result = read.get(step);
  if (!result) {
    result = classifyLines(step, root);
    read.set(step, result);
  }
  return result;
}

function classifyLines(step: Step, root: SyntaxNode | undefined): { runs: ProseRun[]; commandLines: number } {
  const lines = step.code.split(/\r\n|\r|\n/);
  const shielded = root ? shieldedLines(root, step.code) : new Set<number>();
  const runs: ProseRun[] = [];
  let commandLines = 0;
  let continued = false;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const skipped = continued || shielded.has(index);
    continued = /(?:\\|\||&&|\|\|)$/.test(line);
    if (skipped || line === '' || line.startsWith('#')) return;
    // A trailing `# comment` is not part of the command.
    const command = line.replace(/\s+#.*$/, '');
    const kind = classify(command);
    if (kind === undefined) {
      commandLines++;
      return;
    }
    const last = runs.at(-1);
    if (last && last.kind === kind && last.lastLine === index - 1) last.lastLine = index;
    else runs.push({ kind, firstLine: index, lastLine: index, sample: command });
  });
  return { runs, commandLines };
}

function classify(line: string): ProseRun['kind'] | undefined {
  if (line === '' || line.startsWith('#')) return undefined;
  if (prompt.test(line)) return 'prompt';
  if (listMarker.test(line) || labelLine.test(line)) return 'prose';
  if (!/^[A-Z][a-z]/.test(line) || !plainWords.test(line)) return undefined;
  return line.split(/\s+/).length >= 4 ? 'prose' : undefined;
}

/** Lines after the first of a heredoc body or a multi-line string. */
function shieldedLines(root: SyntaxNode, code: string): Set<number> {
  const starts = lineStarts(code);
  const lineOf = (offset: number): number => lineAt(starts, offset);
  const shielded = new Set<number>();
  walkSyntaxTree(root, (node) => {
    if (node.type === 'ERROR') return false;
    if (!multiLineNodes.has(node.type)) return true;
    const first = lineOf(node.start);
    const last = lineOf(Math.max(node.start, node.end - 1));
    for (let line = node.type === 'heredoc_body' ? first : first + 1; line <= last; line++) shielded.add(line);
    return false;
  });
  return shielded;
}
