import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { codeRanges, complement } from '../source/code-ranges.ts';

// `$(…)` with one level of nested parentheses, or `${…}`, on one line.
const substitution = /\$\((?:[^()\n]|\([^()\n]*\))*\)|\$\{[^{}\n]+\}/g;

/**
 * Shell substitutions in prose are shown as written, never run: the user's
 * footer `**Last Updated**: $(date +%Y-%m-%d)` renders literally. Code spans,
 * fenced blocks, templates and HTML comments are not prose.
 */
export const unrenderedSubstitution: LintRule = {
  id: 'unrendered-substitution',
  description: 'Prose holds no `$(…)` or `${…}` that a reader would see unrendered',
  url: ruleDocsUrl('unrendered-substitution'),
  defaultSeverity: 'warning',
  fixable: false,
  tags: ['prose'],
  check({ runbook, lines, report }) {
    const { source } = lines;
    const skipped = [...codeRanges(runbook, lines)];
    for (const range of htmlComments(source)) skipped.push(range);
    skipped.sort((a, b) => a[0] - b[0]);
    for (const [from, to] of complement(skipped, source.length)) {
      const prose = source.slice(from, to);
      for (const match of prose.matchAll(substitution)) {
        const start = from + match.index;
        if (source[start - 1] === '\\') continue;
        const kind = match[0].startsWith('$(') ? 'Command substitution' : 'Variable substitution';
        report({
          reason: `${kind} \`${shorten(match[0])}\` in prose is shown as written, never run; write the value, or move it into a step or template`,
          position: lines.position(start, start + match[0].length),
        });
      }
    }
  },
};

/**
 * `<!-- … -->` ranges, found in one pass: a regex would rescan to the end of
 * the file from every `<!--` that is never closed (quadratic).
 */
function htmlComments(source: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let start = source.indexOf('<!--'); start !== -1; ) {
    const close = source.indexOf('-->', start + 4);
    if (close === -1) break;
    ranges.push([start, close + 3]);
    start = source.indexOf('<!--', close + 3);
  }
  return ranges;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
