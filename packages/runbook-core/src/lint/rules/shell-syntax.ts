import type { RunbookMessage } from '../../model.ts';
import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { CodeLocator } from '../source/code-locator.ts';
import { proseRuns } from '../source/prose-lines.ts';
import { shellPlaceholders } from '../source/shell-placeholders.ts';
import { shellSyntax } from '../source/shell-syntax.ts';
import { partitionPoint } from '../../parse/partition-point.ts';

/**
 * The parser's shell syntax errors. Errors on lines that `prose-in-shell`
 * (prose, `$ ` prompts) or `unfilled-placeholder` (`<pod-name>`) report are
 * left to those rules: one finding per cause, the better explained one.
 */
export const shellSyntaxRule: LintRule = {
  id: 'shell-syntax',
  description: 'Shell steps parse as shell',
  url: ruleDocsUrl('shell-syntax'),
  defaultSeverity: 'warning',
  fixable: false,
  tags: ['code'],
  check({ runbook, lines, report }) {
    const messages = runbook.messages.filter((message) => message.ruleId === 'shell-syntax' || message.ruleId === 'shell-analysis');
    if (messages.length === 0) return;
    const proseRanges: Array<[number, number]> = [];
    for (const step of runbook.steps) {
      if (!step.isShell) continue;
      const root = shellSyntax(step);
      const runs = proseRuns(step, root);
      const placeholders = shellPlaceholders(step, root);
      if (runs.length === 0 && placeholders.length === 0) continue;
      const locator = new CodeLocator(step, lines);
      const codeLines = step.code.split(/\r\n|\r|\n/);
      // Error recovery may place a missing token after the comments that follow the line.
      const through = (line: number): number => {
        let last = line;
        while (last + 1 < codeLines.length && /^\s*(?:#.*)?$/.test(codeLines[last + 1]!)) last++;
        return locator.lineRange(last)[1] + 1;
      };
      for (const run of runs) proseRanges.push([locator.lineRange(run.firstLine)[0], through(run.lastLine)]);
      for (const slot of placeholders) {
        const line = locator.codeLine(slot.start);
        proseRanges.push([locator.lineRange(line)[0], through(line)]);
      }
    }
    // One finding per block: error recovery makes the errors after the first echoes of it.
    const inProse = coveredBy(proseRanges);
    const stepStarts = runbook.steps.map((step) => step.position.start.offset);
    const byStep = new Map<number, RunbookMessage[]>();
    for (const message of messages) {
      const at = message.position.start.offset;
      if (inProse(at)) continue;
      const step = runbook.steps[partitionPoint(stepStarts, (start) => start <= at) - 1];
      const key = step !== undefined && at < step.position.end.offset ? step.position.start.offset : at;
      const group = byStep.get(key);
      if (group) group.push(message);
      else byStep.set(key, [message]);
    }
    for (const [first, ...rest] of byStep.values()) {
      if (!first) continue;
      const more = rest.length === 0 ? '' : ` (and ${rest.length} more in this block)`;
      report({ reason: `Shell syntax: ${first.reason}${more}`, position: first.position, severity: first.severity });
    }
  },
};

/**
 * Whether an offset lies in one of `ranges`, answered by binary search over
 * the merged ranges: a block with thousands of errors and placeholders must
 * not cost errors × placeholders.
 */
function coveredBy(ranges: Array<[number, number]>): (offset: number) => boolean {
  const merged: Array<[number, number]> = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const starts = merged.map(([start]) => start);
  return (offset) => {
    const range = merged[partitionPoint(starts, (start) => start <= offset) - 1];
    return range !== undefined && offset < range[1];
  };
}
