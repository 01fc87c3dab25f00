import { parseInfoString } from '../../parse/info-string.ts';
import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { fenceInfo } from '../source/fence-info.ts';

/**
 * Unknown or malformed info-string attributes, as the parser found them.
 * `required` on a template is lint's own attribute (see
 * `unfilled-placeholder`), so it is not reported as unknown there.
 */
export const invalidAttribute: LintRule = {
  id: 'invalid-attribute',
  description: 'Info-string attributes are known and well-formed (`confirm=true`, `timeout=30s`, …)',
  url: ruleDocsUrl('invalid-attribute'),
  defaultSeverity: 'warning',
  fixable: false,
  tags: ['steps'],
  check({ runbook, lines, report }) {
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
  },
};
