import type { LintFix } from '../lint-message.ts';
import type { LineIndex } from './line-index.ts';

export interface SourceEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Several small edits as one fix: a single range from the first edit's start
 * to the last one's end, with only the edited bytes changed inside it.
 */
export function combineEdits(lines: LineIndex, edits: readonly SourceEdit[], title: string): LintFix | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const first = sorted[0];
  if (!first) return undefined;
  let text = '';
  let cursor = first.start;
  for (const edit of sorted) {
    if (edit.start < cursor) return undefined;
    text += lines.source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return { range: lines.position(first.start, cursor), insertText: text, title };
}
