import type { Severity } from '../../model.ts';
import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';

export interface ParserMessageRuleSpec {
  /** The parser's own rule id for these messages. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  tags: readonly string[];
}

/**
 * A rule that puts the parser's messages of one rule id into lint output, so
 * they can be configured, disabled inline and reported like any finding.
 * The parser's severity stays unless a config sets one.
 */
export function parserMessageRule(spec: ParserMessageRuleSpec): LintRule {
  return {
    ...spec,
    url: ruleDocsUrl(spec.id),
    fixable: false,
    check({ runbook, report }) {
      for (const message of runbook.messages) {
        if (message.ruleId === spec.id) report({ reason: message.reason, position: message.position, severity: message.severity });
      }
    },
  };
}
