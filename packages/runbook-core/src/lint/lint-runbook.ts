import type { Runbook, Severity } from '../model.ts';
import { LintConfigError } from './config/config-error.ts';
import { resolveRuleSetting, subRuleSeverity, validateConfig, type LintConfig } from './config/lint-config.ts';
import { readInlineDirectives, suppression } from './inline-directives.ts';
import { compareMessages, type LintMessage } from './lint-message.ts';
import type { AnyLintRule, RuleFinding } from './rule.ts';
import { builtinRules } from './rules/builtin-rules.ts';
import { codeRanges } from './source/code-ranges.ts';
import { LineIndex } from './source/line-index.ts';

export interface LintRunbookOptions {
  /**
   * The Markdown the runbook was parsed from. Required: rules read the raw
   * text (inline comments, prose, info strings).
   */
  source: string;
  /** Rule severities and options, as in `runbook.config.json`. Default: every rule at its default. */
  config?: LintConfig;
  /** The rules to run. Default: `builtinRules`. */
  rules?: readonly AnyLintRule[];
  /** Absolute path of the file, for rules that resolve relative links. Default: `runbook.path`. */
  path?: string;
  /** For tools rules run (shellcheck). Default: `process.cwd()`. */
  cwd?: string;
  /** Environment for tools rules run; its `PATH` finds shellcheck. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Cancels running tools. */
  signal?: AbortSignal;
}

/**
 * Lints a parsed runbook: the findings of every enabled rule, minus those
 * switched off by inline comments, sorted by position. Never throws on a
 * runbook; throws LintConfigError for a bad `config`, TypeError for a missing
 * `source`.
 */
export async function lintRunbook(runbook: Runbook, options: LintRunbookOptions): Promise<LintMessage[]> {
  if (typeof options?.source !== 'string') {
    throw new TypeError(`lintRunbook: options.source must be the Markdown string the runbook was parsed from, got ${typeof options?.source}`);
  }
  const rules = options.rules ?? builtinRules;
  const config = options.config ? validateConfig(options.config, rules) : undefined;
  const { source } = options;
  const lines = new LineIndex(source);
  const code = codeRanges(runbook, lines);
  const path = options.path ?? runbook.path;
  const messages: LintMessage[] = [];

  await Promise.all(
    rules.map(async (rule) => {
      const setting = resolveRuleSetting(rule, config);
      const severity = setting.severity;
      if (severity === 'off') return;
      const report = (finding: RuleFinding): void => {
        const message = toMessage(rule, finding, severity, config);
        if (message) messages.push(message);
      };
      try {
        await rule.check({
          runbook,
          source,
          lines,
          options: setting.options,
          ...(path === undefined ? {} : { path }),
          cwd: options.cwd ?? process.cwd(),
          env: options.env ?? process.env,
          ...(options.signal ? { signal: options.signal } : {}),
          report,
        });
      } catch (error) {
        if (error instanceof LintConfigError || options.signal?.aborted) throw error;
        // A rule bug must not hide the other findings, nor pass silently.
        report({
          reason: `rule '${rule.id}' failed on this file: ${error instanceof Error ? error.message : String(error)}`,
          position: lines.position(0, 0),
          severity: 'error',
        });
      }
    }),
  );

  const suppressed = suppression(readInlineDirectives(source, lines, code), runbook);
  return messages.filter((message) => !suppressed(message)).sort(compareMessages);
}

function toMessage(rule: AnyLintRule, finding: RuleFinding, configured: Severity | undefined, config: LintConfig | undefined): LintMessage | undefined {
  const ruleId = finding.ruleId ?? rule.id;
  const own = ruleId === rule.id ? undefined : subRuleSeverity(ruleId, config);
  if (own === 'off') return undefined;
  const message: LintMessage = {
    ruleId,
    severity: own ?? configured ?? finding.severity ?? rule.defaultSeverity,
    reason: finding.reason,
    position: finding.position,
    url: finding.url ?? rule.url,
  };
  if (finding.fix) message.fix = finding.fix;
  return message;
}
