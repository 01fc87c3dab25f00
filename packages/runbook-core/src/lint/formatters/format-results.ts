import type { LintFileResult } from '../lint-message.ts';
import type { FormatContext, Formatter } from './format-context.ts';
import { formatGithub } from './github-format.ts';
import { formatJson } from './json-format.ts';
import { formatSarif } from './sarif-format.ts';
import { formatText } from './text-format.ts';

export const lintFormats = ['text', 'json', 'sarif', 'github'] as const;

export type LintFormat = (typeof lintFormats)[number];

const formatters: Record<LintFormat, Formatter> = { text: formatText, json: formatJson, sarif: formatSarif, github: formatGithub };

/** Renders lint results in one of `lintFormats`. */
export function formatLintResults(results: readonly LintFileResult[], format: LintFormat, context: FormatContext): string {
  const formatter = formatters[format];
  if (!formatter) throw new TypeError(`formatLintResults: format must be one of ${lintFormats.join(', ')}, got '${String(format)}'`);
  return formatter(results, context);
}
