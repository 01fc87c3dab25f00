import type { TextEdit } from '../parse/index.ts';
import { RunbookEditError } from './runbook-edit-error.ts';

/** Applies non-overlapping edits that all refer to `source` as it is now, in any order. */
export function applyTextEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > source.length) {
      throw new RunbookEditError('edits', edit, `overlaps another edit or lies outside the text (length ${source.length})`);
    }
    result += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + source.slice(cursor);
}
