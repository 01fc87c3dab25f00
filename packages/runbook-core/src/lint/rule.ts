import type { Position, Runbook, Severity } from '../model.ts';
import type { LintFix } from './lint-message.ts';
import type { LineIndex } from './source/line-index.ts';

/** The type of one rule option, checked when a config sets it. */
export type RuleOptionType = 'boolean' | 'number' | 'string' | 'string[]';

export interface RuleOptionSpec {
  type: RuleOptionType;
  description: string;
}

/** What a rule hands to `report`. */
export interface RuleFinding {
  reason: string;
  position: Position;
  /** Defaults to the rule's severity; a config that sets one overrides both. */
  severity?: Severity;
  fix?: LintFix;
  /** A sub-rule id, e.g. `shellcheck/SC2086`; must start with the rule's id and `/`. */
  ruleId?: string;
  /** Documentation for a sub-rule. */
  url?: string;
}

/** Everything a rule may look at. Rules never read files except through `path`. */
export interface RuleContext<Options> {
  runbook: Runbook;
  source: string;
  lines: LineIndex;
  /** The rule's options: its defaults merged with the config's. */
  options: Options;
  /** Absolute path of the runbook file, when it has one. */
  path?: string;
  /** Current working directory, for resolving tools and paths. */
  cwd: string;
  /** The environment tools run with (`PATH` finds `shellcheck`). */
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  report(finding: RuleFinding): void;
}

/**
 * A rule is data plus a function. `check` reports findings; it may be async
 * (shellcheck runs a process) but must not throw on any runbook.
 */
export interface LintRule<Options extends object = Record<string, never>> {
  readonly id: string;
  readonly description: string;
  readonly url: string;
  readonly defaultSeverity: Severity;
  /** Some of its findings carry a fix. */
  readonly fixable: boolean;
  readonly tags: readonly string[];
  /** Option specs by name; defaults are in `defaultOptions`. */
  readonly options?: { readonly [K in keyof Options]: RuleOptionSpec };
  readonly defaultOptions?: Options;
  /** Sub-rule ids are allowed in config and inline comments (`shellcheck/SC2086`). */
  readonly hasSubRules?: boolean;
  check(context: RuleContext<Options>): void | Promise<void>;
}

/** Any rule, whatever its options. */
// biome-ignore lint/suspicious/noExplicitAny: options are an input of check(); no other type lets every rule's options fit.
export type AnyLintRule = LintRule<any>;

export const rulesDocsBase = 'https://github.com/runbook-dev/runbook/blob/main/docs/rules/';

export function ruleDocsUrl(id: string): string {
  return `${rulesDocsBase}${id}.md`;
}
