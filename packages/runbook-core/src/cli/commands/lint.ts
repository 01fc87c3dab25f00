import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LintConfig } from '../../lint/config/lint-config.ts';
import type { LintFormat } from '../../lint/formatters/format-results.ts';
import type { LintFileResult } from '../../lint/lint-message.ts';
import { ExitCode, UsageError, type CliCommand, type CliContext } from '../command.ts';
import { parseFlags } from '../parse-flags.ts';

const help = `Usage: runbook lint [paths|globs|-]… [options]

Checks runbooks for what breaks them during an incident: unconfirmed
destructive commands, undeclared variables, secrets written out, prose or
interactive commands in steps, broken anchors, shellcheck findings, … Each
rule is documented at https://github.com/runbook-dev/runbook/tree/main/docs/rules.
Directories are walked for .md and .markdown files (honouring .gitignore);
with no path, the current directory; '-' reads standard input.

Options:
  --format <name>      text (default), json, sarif (SARIF 2.1.0 for code
                       scanning) or github (workflow annotations)
  --config <file>      use this config for every file instead of the nearest
                       runbook.config.json (or "runbook" key of package.json)
  --fix                apply the fixes that can be applied, in place
  --max-warnings <n>   also fail when there are more than n warnings
  --quiet              report errors only
  --no-shellcheck      skip the shellcheck rule
  --threads <n>        worker threads besides the main one (default: what
                       the idle cores can run; none on 2 cores)
  -h, --help           show this help

Config (runbook.config.json):
  { "rules": { "fence-language": "off", "shellcheck/SC2086": "warn",
               "undeclared-variable": ["error", { "allow": ["AWS_PROFILE"] }] },
    "ignores": ["drafts/**"] }
Inline: <!-- runbook-disable-next-line rule-id -->,
        <!-- runbook-disable rule-id --> … <!-- runbook-enable rule-id -->

Exit codes: 0 no errors (warnings allowed), 1 errors or too many warnings,
2 bad usage, config or unreadable input.
`;

const formats: readonly string[] = ['text', 'json', 'sarif', 'github'];

const lint: CliCommand = {
  name: 'lint',
  help,
  async run(context) {
    const { values, positionals } = parseFlags(context.argv, {
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
      fix: { type: 'boolean', default: false },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'no-shellcheck': { type: 'boolean', default: false },
      threads: { type: 'string' },
    });
    if (!formats.includes(values.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not '${values.format}'`);
    const maxWarnings = values['max-warnings'] === undefined ? undefined : count('--max-warnings', values['max-warnings']);
    const threads = values.threads === undefined ? undefined : count('--threads', values.threads);
    const paths = positionals.length > 0 ? positionals : ['.'];
    const fromStdin = paths.includes('-');
    if (fromStdin && paths.length > 1) throw new UsageError(`'-' (standard input) cannot be combined with paths`);
    if (fromStdin && values.fix) throw new UsageError(`--fix cannot write back to standard input; pass a file path`);
    const overrides: LintConfig | undefined = values['no-shellcheck'] ? { rules: { shellcheck: 'off' } } : undefined;

    const [{ lintFiles }, { LintConfigError }, { builtinRules }] = await Promise.all([
      import('../../lint/files/lint-files.ts'),
      import('../../lint/config/config-error.ts'),
      import('../../lint/rules/builtin-rules.ts'),
    ]);
    let results: LintFileResult[];
    let problems: string[];
    try {
      ({ results, problems } = fromStdin
        ? await lintStdin(context, values.config, overrides)
        : await lintPaths(lintFiles, paths, context, { config: values.config, overrides, fix: values.fix, threads }));
    } catch (error) {
      if (error instanceof LintConfigError) {
        context.stderr.write(`runbook lint: config error: ${error.message}\n`);
        return ExitCode.usage;
      }
      throw error;
    }
    if (values.fix) await writeFixes(results, context.cwd);

    const warnings = results.reduce((sum, result) => sum + result.messages.filter((message) => message.severity === 'warning').length, 0);
    const errors = results.reduce((sum, result) => sum + result.messages.filter((message) => message.severity === 'error').length, 0);
    const shown = values.quiet
      ? results.map((result) => ({ ...result, messages: result.messages.filter((message) => message.severity === 'error') }))
      : results;
    const { formatLintResults } = await import('../../lint/formatters/format-results.ts');
    context.stdout.write(formatLintResults(shown, values.format as LintFormat, { rules: builtinRules, color: context.color, version: packageVersion() }));
    for (const problem of problems) context.stderr.write(`runbook lint: ${problem}\n`);
    if (problems.length > 0) return ExitCode.usage;
    if (maxWarnings !== undefined && warnings > maxWarnings) {
      context.stderr.write(`runbook lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
      return ExitCode.failed;
    }
    return errors > 0 ? ExitCode.failed : ExitCode.ok;
  },
};

export default lint;

interface PathOptions {
  config: string | undefined;
  overrides: LintConfig | undefined;
  fix: boolean;
  threads: number | undefined;
}

async function lintPaths(
  lintFiles: typeof import('../../lint/files/lint-files.ts').lintFiles,
  paths: string[],
  context: CliContext,
  options: PathOptions,
): Promise<{ results: LintFileResult[]; problems: string[] }> {
  const outcome = await lintFiles(paths, {
    cwd: context.cwd,
    env: context.env,
    fix: options.fix,
    ...(options.config === undefined ? {} : { configFile: options.config }),
    ...(options.overrides ? { config: options.overrides } : {}),
    ...(options.threads === undefined ? {} : { workers: options.threads }),
  });
  for (const notice of outcome.notices) context.stderr.write(`runbook lint: ${notice}\n`);
  const problems = [
    ...outcome.unmatched.map((pattern) => `no Markdown file matches '${pattern}'`),
    ...outcome.failures.map((failure) => `${failure.path}: ${failure.reason}`),
  ];
  return { results: outcome.results, problems };
}

async function lintStdin(
  context: CliContext,
  configFile: string | undefined,
  overrides: LintConfig | undefined,
): Promise<{ results: LintFileResult[]; problems: string[] }> {
  const [{ lintMarkdown }, { ConfigFinder, readConfigFile }] = await Promise.all([
    import('../../lint/lint-markdown.ts'),
    import('../../lint/config/load-config.ts'),
  ]);
  const { builtinRules } = await import('../../lint/rules/builtin-rules.ts');
  const chunks: Buffer[] = [];
  for await (const chunk of context.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const source = Buffer.concat(chunks).toString('utf8');
  const base = configFile
    ? readConfigFile(resolve(context.cwd, configFile), builtinRules)
    : new ConfigFinder(builtinRules).forDir(resolve(context.cwd))?.config;
  const config = overrides ? { ...base, rules: { ...base?.rules, ...overrides.rules } } : base;
  const { messages } = await lintMarkdown(source, { cwd: context.cwd, env: context.env, ...(config ? { config } : {}) });
  return { results: [{ path: '-', messages }], problems: [] };
}

async function writeFixes(results: LintFileResult[], cwd: string): Promise<void> {
  for (const result of results) {
    if (result.fixedSource === undefined) continue;
    await writeFile(resolve(cwd, result.path), result.fixedSource);
  }
}

function count(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, not '${text}'`);
  return Number(text);
}

/** The package version, found upward from this module (in src/ or bundled in dist/). */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'runbook-core' && pkg.version) return pkg.version;
    } catch {
      // No package.json here; look further up.
    }
    const parent = dirname(dir);
    if (parent === dir) return '0.0.0';
    dir = parent;
  }
}
