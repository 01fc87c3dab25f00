import type { Severity } from '../../model.ts';
import type { AnyLintRule, RuleOptionSpec } from '../rule.ts';
import { closestName } from '../source/closest-name.ts';
import { LintConfigError } from './config-error.ts';

/** How loud a rule is; `warn` is the config spelling of severity `warning`. */
export type RuleLevel = 'off' | 'info' | 'warn' | 'error';

export type RuleSetting = RuleLevel | readonly [RuleLevel] | readonly [RuleLevel, Record<string, unknown>];

/** The shape of `runbook.config.json` (or the `runbook` key of `package.json`). */
export interface LintConfig {
  /** By rule id (`shellcheck/SC2086` for one shellcheck code). */
  rules?: Record<string, RuleSetting>;
  /** Gitignore-style patterns, relative to the config file's folder. */
  ignores?: string[];
}

/** What the engine runs a rule with. */
export interface ResolvedRuleSetting {
  /** `undefined`: the rule decides per finding, from its default. */
  severity: Severity | 'off' | undefined;
  options: Record<string, unknown>;
}

const levels: Record<string, Severity | 'off'> = { off: 'off', info: 'info', warn: 'warning', warning: 'warning', error: 'error' };

const incidentKeys = new Set(['store', 'people', 'slack']);

/** Checks a parsed config value; throws LintConfigError naming the file and key. */
export function validateConfig(value: unknown, rules: readonly AnyLintRule[], file?: string): LintConfig {
  if (!isPlainObject(value)) throw new LintConfigError(file, '', `must be a JSON object, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    // The incident store's keys share the file; src/incident/store-config.ts reads and checks them.
    if (key !== 'rules' && key !== 'ignores' && !incidentKeys.has(key)) {
      throw new LintConfigError(file, key, `unknown key; expected 'rules' or 'ignores'`);
    }
  }
  const config: LintConfig = {};
  if (value.ignores !== undefined) {
    if (!Array.isArray(value.ignores) || !value.ignores.every((pattern) => typeof pattern === 'string')) {
      throw new LintConfigError(file, 'ignores', `must be an array of glob strings, got ${describe(value.ignores)}`);
    }
    config.ignores = value.ignores as string[];
  }
  if (value.rules !== undefined) {
    if (!isPlainObject(value.rules)) throw new LintConfigError(file, 'rules', `must be an object of rule settings, got ${describe(value.rules)}`);
    for (const [id, setting] of Object.entries(value.rules)) {
      const rule = findRule(rules, id);
      if (!rule) {
        const suggestion = closestName(
          id,
          rules.map((r) => r.id),
        );
        throw new LintConfigError(file, `rules.${id}`, `unknown rule id${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
      }
      checkSetting(setting, rule, id, file);
    }
    config.rules = value.rules as Record<string, RuleSetting>;
  }
  return config;
}

/**
 * Each rule's severity and options under a config. Sub-rule settings
 * (`shellcheck/SC2086`) are returned separately by `subRuleSeverity`.
 */
export function resolveRuleSetting(rule: AnyLintRule, config: LintConfig | undefined): ResolvedRuleSetting {
  const setting = config?.rules?.[rule.id];
  const defaults = { ...(rule.defaultOptions ?? {}) } as Record<string, unknown>;
  if (setting === undefined) return { severity: undefined, options: defaults };
  const [level, options] = typeof setting === 'string' ? [setting, undefined] : [setting[0], setting[1]];
  return { severity: levels[level], options: { ...defaults, ...(options ?? {}) } };
}

/** The severity a config gives one sub-rule id, if it names it. */
export function subRuleSeverity(ruleId: string, config: LintConfig | undefined): Severity | 'off' | undefined {
  const setting = config?.rules?.[ruleId];
  if (setting === undefined) return undefined;
  return levels[typeof setting === 'string' ? setting : setting[0]];
}

function checkSetting(setting: unknown, rule: AnyLintRule, id: string, file: string | undefined): void {
  const key = `rules.${id}`;
  const levelNames = 'off, info, warn or error';
  if (typeof setting === 'string') {
    if (!(setting in levels)) throw new LintConfigError(file, key, `severity must be ${levelNames}, got '${setting}'`);
    return;
  }
  if (!Array.isArray(setting) || setting.length < 1 || setting.length > 2) {
    throw new LintConfigError(file, key, `must be a severity (${levelNames}) or [severity, options], got ${describe(setting)}`);
  }
  const [level, options] = setting as unknown[];
  if (typeof level !== 'string' || !(level in levels)) {
    throw new LintConfigError(file, `${key}[0]`, `severity must be ${levelNames}, got ${describe(level)}`);
  }
  if (options === undefined) return;
  if (id !== rule.id) throw new LintConfigError(file, `${key}[1]`, `a sub-rule takes no options; set them on '${rule.id}'`);
  if (!isPlainObject(options)) throw new LintConfigError(file, `${key}[1]`, `options must be an object, got ${describe(options)}`);
  const specs = (rule.options ?? {}) as Record<string, RuleOptionSpec>;
  for (const [name, value] of Object.entries(options)) {
    const spec = specs[name];
    if (!spec) {
      const known = Object.keys(specs);
      throw new LintConfigError(
        file,
        `${key}[1].${name}`,
        known.length ? `unknown option; '${rule.id}' takes ${known.join(', ')}` : `unknown option; '${rule.id}' takes none`,
      );
    }
    if (!hasType(value, spec.type)) throw new LintConfigError(file, `${key}[1].${name}`, `must be ${article(spec.type)}, got ${describe(value)}`);
  }
}

/** The rule a config id or inline-comment id refers to. */
export function findRule(rules: readonly AnyLintRule[], id: string): AnyLintRule | undefined {
  const slash = id.indexOf('/');
  const base = slash === -1 ? id : id.slice(0, slash);
  const rule = rules.find((candidate) => candidate.id === base);
  if (!rule) return undefined;
  return slash === -1 || (rule.hasSubRules && id.length > slash + 1) ? rule : undefined;
}

function hasType(value: unknown, type: RuleOptionSpec['type']): boolean {
  if (type === 'string[]') return Array.isArray(value) && value.every((item) => typeof item === 'string');
  return typeof value === type && (type !== 'number' || Number.isFinite(value));
}

function article(type: string): string {
  return type === 'string[]' ? 'an array of strings' : `a ${type}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  return typeof value === 'object' ? 'an object' : String(value);
}
