import { parseInfoString } from '../../parse/info-string.ts';
import { unsafeInterpreterReason } from '../../run/interpreter-safety.ts';
import type { LintRule, RuleContext } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { fenceInfo } from '../source/fence-info.ts';

const runsAsCode = 'it is run as code, so the step counts as destroy and always asks first; name a known interpreter, with harmless flags at most';

/**
 * Unknown or malformed info-string attributes, as the parser found them.
 * `required` on a template is lint's own attribute (see
 * `unfilled-placeholder`), so it is not reported as unknown there. Also, as
 * errors: `shell`/`interpreter` attributes and the frontmatter `shell` that
 * are not a known interpreter with harmless flags (`sh -c …`, `python3 -c …`):
 * the run treats them as code.
 */
export const invalidAttribute: LintRule = {
  id: 'invalid-attribute',
  description: 'Info-string attributes are known and well-formed (`confirm=true`, `timeout=30s`, …)',
  url: ruleDocsUrl('invalid-attribute'),
  defaultSeverity: 'warning',
  fixable: false,
  tags: ['steps'],
  check(context) {
    const { runbook, lines, report } = context;
    const lintOwn: Array<[number, number]> = [];
    for (const template of runbook.templates) {
      const fence = fenceInfo(lines, template.position.start.offset);
      const span = parseInfoString(fence.info).attributeSpans.get('required');
      if (span) lintOwn.push([fence.infoStart + span.start, fence.infoStart + span.end]);
    }
    for (const message of runbook.messages) {
      if (message.ruleId !== 'invalid-attribute') continue;
      const at = message.position.start.offset;
      if (lintOwn.some(([start, end]) => at >= start && at < end)) continue;
      report({ reason: message.reason, position: message.position, severity: message.severity });
    }
    checkInterpreters(context);
  },
};

function checkInterpreters({ runbook, lines, report }: RuleContext<Record<string, never>>): void {
  for (const step of runbook.steps) {
    for (const key of ['shell', 'interpreter'] as const) {
      const value = step.options[key];
      const reason = value === undefined ? undefined : unsafeInterpreterReason(value, `attribute '${key}':`);
      if (reason === undefined) continue;
      const fence = fenceInfo(lines, step.position.start.offset);
      const span = parseInfoString(fence.info).attributeSpans.get(key);
      const position = span ? lines.position(fence.infoStart + span.start, fence.infoStart + span.end) : lines.linePosition(fence.line);
      report({ reason: `${reason}; ${runsAsCode}`, position, severity: 'error' });
    }
  }
  const shell = runbook.meta.shell;
  const reason = typeof shell === 'string' ? unsafeInterpreterReason(shell, "frontmatter 'shell':") : undefined;
  if (reason === undefined || !runbook.meta.position) return;
  const { start, end } = runbook.meta.position;
  let line = start.line;
  while (line < end.line && !/^shell\s*:/.test(lines.lineText(line))) line++;
  report({ reason: `${reason}; ${runsAsCode}`, position: lines.linePosition(line), severity: 'error' });
}
