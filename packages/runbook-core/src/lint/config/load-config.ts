import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AnyLintRule } from '../rule.ts';
import { LintConfigError } from './config-error.ts';
import { validateConfig, type LintConfig } from './lint-config.ts';

export const configFileName = 'runbook.config.json';

/** A config and where it came from. */
export interface LoadedConfig {
  /** The file it was read from; absent for the built-in defaults. */
  file?: string;
  /** The folder its `ignores` are relative to. */
  dir: string;
  config: LintConfig;
}

/**
 * Reads `runbook.config.json`, or the `runbook` key of a `package.json`
 * (`undefined` when that package.json has none). Throws LintConfigError.
 */
export function readConfigFile(file: string, rules: readonly AnyLintRule[]): LintConfig | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LintConfigError(file, '', `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const value = parseJson(text, file);
  if (basename(file) === 'package.json') {
    const section = (value as Record<string, unknown> | null)?.runbook;
    return section === undefined ? undefined : validateConfig(section, rules, `${file} (key 'runbook')`);
  }
  return validateConfig(value, rules, file);
}

/** Finds the nearest config upward from each folder, reading each file once. */
export class ConfigFinder {
  readonly #rules: readonly AnyLintRule[];
  readonly #byDir = new Map<string, LoadedConfig | undefined>();

  constructor(rules: readonly AnyLintRule[]) {
    this.#rules = rules;
  }

  /** The config governing a file (absolute path), or `undefined` for none. */
  forFile(file: string): LoadedConfig | undefined {
    return this.forDir(dirname(file));
  }

  forDir(dir: string): LoadedConfig | undefined {
    if (this.#byDir.has(dir)) return this.#byDir.get(dir);
    let found: LoadedConfig | undefined;
    const own = join(dir, configFileName);
    const pkg = join(dir, 'package.json');
    if (existsSync(own)) found = { file: own, dir, config: readConfigFile(own, this.#rules)! };
    else if (existsSync(pkg)) {
      const config = readConfigFile(pkg, this.#rules);
      if (config) found = { file: pkg, dir, config };
    }
    if (!found) {
      const parent = dirname(dir);
      found = parent === dir ? undefined : this.forDir(parent);
    }
    this.#byDir.set(dir, found);
    return found;
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    if (!at) throw new LintConfigError(file, '', `invalid JSON: ${message}`);
    const offset = Number(at[1]);
    const before = text.slice(0, offset).split(/\r\n|\r|\n/);
    const where = `line ${before.length}, column ${before.at(-1)!.length + 1}`;
    throw new LintConfigError(file, '', `invalid JSON at ${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}
