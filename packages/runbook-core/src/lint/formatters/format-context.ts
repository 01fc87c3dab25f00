import type { LintFileResult } from '../lint-message.ts';
import type { AnyLintRule } from '../rule.ts';

/** What a formatter may use besides the results. */
export interface FormatContext {
  /** The rules that ran, for SARIF's rule table. */
  rules: readonly AnyLintRule[];
  /** Colour for the text format. */
  color: boolean;
  /** The tool's version, for SARIF. */
  version: string;
}

export type Formatter = (results: readonly LintFileResult[], context: FormatContext) => string;

export interface ProblemCounts {
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
  files: number;
}

export function countProblems(results: readonly LintFileResult[]): ProblemCounts {
  const counts: ProblemCounts = { errors: 0, warnings: 0, infos: 0, fixable: 0, files: 0 };
  for (const result of results) {
    if (result.messages.length > 0) counts.files++;
    for (const message of result.messages) {
      if (message.severity === 'error') counts.errors++;
      else if (message.severity === 'warning') counts.warnings++;
      else counts.infos++;
      if (message.fix) counts.fixable++;
    }
  }
  return counts;
}

/** `3 problems (1 error, 2 warnings) in 2 of 5 files`. */
export function summaryLine(results: readonly LintFileResult[]): string {
  const counts = countProblems(results);
  const total = counts.errors + counts.warnings + counts.infos;
  const checked = `${results.length} ${plural(results.length, 'file')}`;
  if (total === 0) return `No problems in ${checked}.`;
  const parts = [plural(counts.errors, 'error', true), plural(counts.warnings, 'warning', true)];
  if (counts.infos > 0) parts.push(`${counts.infos} info`);
  const fixable = counts.fixable > 0 ? `; ${counts.fixable} fixable with --fix` : '';
  return `${plural(total, 'problem', true)} (${parts.join(', ')}) in ${counts.files} of ${checked}${fixable}.`;
}

function plural(count: number, word: string, withCount = false): string {
  const text = count === 1 ? word : `${word}s`;
  return withCount ? `${count} ${text}` : text;
}
