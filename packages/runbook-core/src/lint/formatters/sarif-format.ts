import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Severity } from '../../model.ts';
import type { LintMessage } from '../lint-message.ts';
import type { Formatter } from './format-context.ts';

const levels: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 for code scanning: every rule that ran (and each shellcheck
 * code that was reported) in the driver's rule table, results with
 * repository-relative URIs and 1-based regions (UTF-16 columns, SARIF's default).
 */
export const formatSarif: Formatter = (results, context) => {
  const rules: ReportingDescriptor[] = context.rules.map((rule) => ({
    id: rule.id,
    shortDescription: { text: rule.description },
    helpUri: rule.url,
    defaultConfiguration: { level: levels[rule.defaultSeverity] },
    properties: { tags: [...rule.tags] },
  }));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const ruleIndex = (message: LintMessage): number => {
    const known = index.get(message.ruleId);
    if (known !== undefined) return known;
    rules.push({
      id: message.ruleId,
      shortDescription: { text: message.ruleId },
      helpUri: message.url,
      defaultConfiguration: { level: levels[message.severity] },
    });
    index.set(message.ruleId, rules.length - 1);
    return rules.length - 1;
  };
  const sarifResults = results.flatMap((result) =>
    result.messages.map((message): Result => {
      const { start, end } = message.position;
      const artifactLocation = { uri: toUri(result.path), uriBaseId: '%SRCROOT%' };
      return {
        ruleId: message.ruleId,
        ruleIndex: ruleIndex(message),
        level: levels[message.severity],
        message: { text: message.reason },
        locations: [
          {
            physicalLocation: {
              artifactLocation,
              region: {
                startLine: start.line,
                startColumn: start.column,
                endLine: end.line,
                endColumn: Math.max(end.column, end.line === start.line ? start.column : 1),
              },
            },
          },
        ],
        ...(message.fix
          ? {
              fixes: [
                {
                  description: { text: message.fix.title },
                  artifactChanges: [
                    {
                      artifactLocation,
                      replacements: [
                        {
                          deletedRegion: {
                            startLine: message.fix.range.start.line,
                            startColumn: message.fix.range.start.column,
                            endLine: message.fix.range.end.line,
                            endColumn: message.fix.range.end.column,
                          },
                          insertedContent: { text: message.fix.insertText },
                        },
                      ],
                    },
                  ],
                },
              ],
            }
          : {}),
      };
    }),
  );
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'runbook',
            informationUri: 'https://github.com/runbook-dev/runbook',
            version: context.version,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder runbook lint ran in.' } } },
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/** A relative path as a URI reference: forward slashes, each segment percent-encoded. */
function toUri(path: string): string {
  return path
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
