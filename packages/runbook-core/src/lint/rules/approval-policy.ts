import { readApprovalPolicy } from '../../session/approval-rule.ts';
import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';

/**
 * The frontmatter's `approvals` (the two-person rule) as the run reads it:
 * counts 1 to 9 by risk, an expiry that is a duration, `store: shared` or
 * `any`. A policy that cannot be read refuses every step that changes
 * something, so it is an error. (A step's `approve=<n>` is checked with the
 * other attributes, by `invalid-attribute`.)
 */
export const approvalPolicy: LintRule = {
  id: 'approval-policy',
  description: 'The frontmatter `approvals` (two-person rule) can be read: counts by risk, `expires`, `store`',
  url: ruleDocsUrl('approval-policy'),
  defaultSeverity: 'error',
  fixable: false,
  tags: ['frontmatter'],
  check({ runbook, lines, report }) {
    const policy = readApprovalPolicy(runbook.meta);
    if (policy.problems.length === 0 || !runbook.meta.position) return;
    const { start, end } = runbook.meta.position;
    const lineOf = (pattern: RegExp, from: number): number | undefined => {
      for (let line = from; line <= end.line; line++) if (pattern.test(lines.lineText(line))) return line;
      return undefined;
    };
    const approvals = lineOf(/^approvals\s*:/, start.line) ?? start.line;
    for (const reason of policy.problems) {
      const key = /^approvals\.([\w-]+)/.exec(reason)?.[1];
      const line = (key === undefined ? undefined : lineOf(new RegExp(`^\\s+${key}\\s*:`), approvals + 1)) ?? approvals;
      report({ reason: `${reason}; until it is fixed, every step that changes something is refused`, position: lines.linePosition(line) });
    }
  },
};
