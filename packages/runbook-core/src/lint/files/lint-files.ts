import { availableParallelism, loadavg } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { ConfigFinder, readConfigFile, type LoadedConfig } from '../config/load-config.ts';
import { validateConfig, type LintConfig } from '../config/lint-config.ts';
import type { LintFileResult, LintMessage } from '../lint-message.ts';
import { builtinRules } from '../rules/builtin-rules.ts';
import { findMarkdownFiles } from './find-markdown-files.ts';
import { toPosix } from './gitignore-filter.ts';
import type { LintJob } from './lint-job.ts';
import { lintInPool } from './lint-pool.ts';

export interface LintFilesOptions {
  /** Where relative paths and globs start, and paths in results are relative to. Default: `process.cwd()`. */
  cwd?: string;
  /** One config file for every file, instead of the nearest `runbook.config.json` / `package.json`. */
  configFile?: string;
  /** Settings over every file's config: its `rules` win per rule id, its `ignores` are relative to `cwd`. */
  config?: LintConfig;
  /** Fix what can be fixed; results then carry `fixedSource` (nothing is written). Default: `false`. */
  fix?: boolean;
  /**
   * Worker threads besides this one. Default: as many as the idle cores can
   * run beside this thread (none on 2 cores), when there are enough files.
   */
  workers?: number;
  /** Environment for tools (shellcheck on its `PATH`). Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
}

export interface LintFilesResult {
  /** One per linted file, in path order. */
  results: LintFileResult[];
  /** Paths and globs that named no file. */
  unmatched: string[];
  /** Files that could not be read or linted, with why. */
  failures: Array<{ path: string; reason: string }>;
  /** Problems of the run itself that changed nothing in the results (a worker thread failed). */
  notices: string[];
}

/** Files per extra thread below which starting workers costs more than it saves (measured: bench/lint.bench.ts). */
const filesPerWorker = 24;

/** Cores one linting thread keeps busy: V8's GC and compiler threads run beside it (measured with /usr/bin/time). */
const coresPerThread = 1.5;

/**
 * Worker threads worth starting: as many as the idle cores hold beside this
 * thread, and one per `filesPerWorker` files. Measured (bench/lint.bench.ts,
 * the corpus, 2 cores): one thread 731 ms wall, two 852 ms, because a
 * worker loads and warms up its own parser and shell grammar and the second
 * core is already half used by this thread's GC and compiler; so on 2 cores
 * none is started, and from 4 idle cores on they pay.
 */
function defaultWorkers(files: number): number {
  const cores = availableParallelism();
  const idle = cores - loadavg()[0]!;
  return Math.max(0, Math.min(Math.floor(idle / coresPerThread) - 1, Math.floor(files / filesPerWorker)));
}

/**
 * Lints Markdown files named by paths, directories (walked, honouring
 * `.gitignore`) and globs. Each file gets the nearest config above it unless
 * `configFile` is given; files a config `ignores` are skipped. Throws
 * LintConfigError for a bad config.
 */
export async function lintFiles(patterns: readonly string[], options: LintFilesOptions = {}): Promise<LintFilesResult> {
  if (!Array.isArray(patterns)) throw new TypeError(`lintFiles: patterns must be an array of paths or globs, got ${typeof patterns}`);
  const cwd = resolve(options.cwd ?? process.cwd());
  const overrides = options.config ? validateConfig(options.config, builtinRules) : undefined;
  const explicit: LoadedConfig | undefined = options.configFile
    ? { file: resolve(cwd, options.configFile), dir: cwd, config: readConfigFile(resolve(cwd, options.configFile), builtinRules) ?? {} }
    : undefined;
  const finder = new ConfigFinder(builtinRules);
  const overrideIgnores = ignoreMatcher(overrides?.ignores);
  const ignoresByConfig = new Map<LoadedConfig, Ignore | undefined>();

  const found = await findMarkdownFiles(patterns, cwd);
  const jobs: LintJob[] = [];
  for (const file of found.files) {
    const loaded = explicit ?? finder.forFile(file);
    if (loaded) {
      if (!ignoresByConfig.has(loaded)) ignoresByConfig.set(loaded, ignoreMatcher(loaded.config.ignores));
      if (isIgnored(ignoresByConfig.get(loaded), loaded.dir, file)) continue;
    }
    if (isIgnored(overrideIgnores, cwd, file)) continue;
    jobs.push({ file, path: displayPath(cwd, file), config: mergeConfigs(loaded?.config, overrides) });
  }

  const workers = options.workers ?? defaultWorkers(jobs.length);
  const notices = found.skipped.map((file) => `skipped ${displayPath(cwd, file.path)}: ${file.reason}`);
  const outcomes = await lintInPool(jobs, { cwd, env: options.env ?? process.env, fix: options.fix === true }, Math.max(0, workers), (notice) =>
    notices.push(notice),
  );
  const results: LintFileResult[] = [];
  const failures: LintFilesResult['failures'] = [];
  for (const outcome of outcomes) {
    if (outcome.ok) results.push(outcome.result);
    else failures.push({ path: outcome.path, reason: outcome.reason });
  }
  dropRepeatedNotices(results);
  return { results, unmatched: found.unmatched, failures, notices };
}

function mergeConfigs(base: LintConfig | undefined, overrides: LintConfig | undefined): LintConfig | undefined {
  if (!overrides?.rules) return base;
  return { ...base, rules: { ...base?.rules, ...overrides.rules } };
}

function ignoreMatcher(patterns: readonly string[] | undefined): Ignore | undefined {
  return patterns && patterns.length > 0 ? ignore().add([...patterns]) : undefined;
}

function isIgnored(matcher: Ignore | undefined, dir: string, file: string): boolean {
  if (!matcher) return false;
  const path = toPosix(relative(dir, file));
  return path !== '' && !path.startsWith('../') && matcher.ignores(path);
}

function displayPath(cwd: string, file: string): string {
  const path = relative(cwd, file);
  return path === '' || isAbsolute(path) ? file : toPosix(path);
}

/**
 * A notice that is the same for every file (shellcheck is not installed) is
 * kept on the first file only: one run, one notice.
 */
function dropRepeatedNotices(results: LintFileResult[]): void {
  const seen = new Set<string>();
  for (const result of results) {
    result.messages = result.messages.filter((message: LintMessage) => {
      if (message.severity !== 'info' || message.position.start.offset !== 0 || message.position.end.offset !== 0) return true;
      const key = `${message.ruleId}\0${message.reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
