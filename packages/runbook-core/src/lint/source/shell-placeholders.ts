import type { Step } from '../../model.ts';
import type { SyntaxNode } from '../../shell/syntax-node.ts';
import { onlyPromptedCommands, proseRuns } from './prose-lines.ts';

/** A `<placeholder>` written in a shell step, with its offsets in the code. */
export interface ShellPlaceholder {
  start: number;
  end: number;
  /** The text inside the angle brackets. */
  name: string;
  /** The quotes around it: in single quotes `${NAME}` would not expand; unquoted it wants quotes. */
  quoted: 'none' | 'single' | 'double';
}

// `<pod-name>`, `<value of namespace label from alert>`, `<PD URL>`: a letter
// right after `<`, no space before `>`. `<<EOF`, `<(cmd)`, `< in > out` never match.
const placeholder = /<([A-Za-z][\w.:/@-]*(?: [\w.:/@,'()-]+)*)>/g;

/**
 * The `<placeholders>` of a shell step: text for a person to replace, which
 * the shell reads as redirections (`kubectl logs <pod>` is a syntax error) or
 * passes on literally when quoted. Comments, prose lines, lines holding
 * markup (`</…>`) and terminal sessions with output are left out.
 */
export function shellPlaceholders(step: Step, root: SyntaxNode | undefined): ShellPlaceholder[] {
  const runs = proseRuns(step, root);
  // A terminal session shows output, where `<none>` is not a placeholder.
  if (runs.some((run) => run.kind === 'prompt') && !onlyPromptedCommands(step, root)) return [];
  const prose = new Set<number>();
  for (const run of runs) if (run.kind === 'prose') for (let line = run.firstLine; line <= run.lastLine; line++) prose.add(line);
  const found: ShellPlaceholder[] = [];
  let lineStart = 0;
  step.code.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (!prose.has(index) && !trimmed.startsWith('#') && !line.includes('</')) {
      for (const match of line.matchAll(placeholder)) {
        found.push({
          start: lineStart + match.index,
          end: lineStart + match.index + match[0].length,
          name: match[1]!,
          quoted: quotesAt(line, match.index),
        });
      }
    }
    lineStart += line.length + 1;
  });
  return found;
}

/** The quotes a column of one line is inside. */
function quotesAt(line: string, column: number): ShellPlaceholder['quoted'] {
  let single = false;
  let double = false;
  for (let i = 0; i < column; i++) {
    const char = line[i];
    if (char === '\\' && !single) i++;
    else if (char === "'" && !double) single = !single;
    else if (char === '"' && !single) double = !double;
  }
  return single ? 'single' : double ? 'double' : 'none';
}
