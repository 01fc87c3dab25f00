import type { Position, RunbookMessage } from '../model.ts';

/**
 * A fix as data: replace `range` with `insertText` (an insertion when the
 * range is empty, a deletion when the text is). The same record serves
 * `--fix`, JSON output and editor quick fixes.
 */
export interface LintFix {
  range: Position;
  insertText: string;
  /** What applying it does, for a quick-fix title, e.g. `Add confirm=true`. */
  title: string;
}

/** One finding: a flat, serialisable record. */
export interface LintMessage extends RunbookMessage {
  url: string;
  fix?: LintFix;
}

/** Lint results of one file. */
export interface LintFileResult {
  /** As given or found, relative to `cwd` when inside it; `-` for stdin. */
  path: string;
  messages: LintMessage[];
  /** The fixed source, when fixing was asked for and changed something. */
  fixedSource?: string;
}

/** Orders messages by where they start, then by rule, then by reason. */
export function compareMessages(a: LintMessage, b: LintMessage): number {
  return (
    a.position.start.offset - b.position.start.offset ||
    a.position.end.offset - b.position.end.offset ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0)
  );
}
