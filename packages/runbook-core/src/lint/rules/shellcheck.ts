import type { Severity, Step } from '../../model.ts';
import type { LintFix } from '../lint-message.ts';
import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { findExecutable } from '../shellcheck/find-executable.ts';
import { runShellcheck, type ShellcheckComment, type ShellcheckRequest } from '../shellcheck/run-shellcheck.ts';
import { CodeLocator } from '../source/code-locator.ts';
import { commandView } from '../source/command-view.ts';
import { combineEdits } from '../source/combine-edits.ts';
import type { LineIndex } from '../source/line-index.ts';
import { onlyPromptedCommands, proseRuns } from '../source/prose-lines.ts';
import { shellSyntax } from '../source/shell-syntax.ts';

interface Options {
  /** Codes never reported, e.g. `SC2086`. */
  exclude: string[];
}

const levels: Record<ShellcheckComment['level'], Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };
const dialects: Record<string, ShellcheckRequest['dialect']> = {
  bash: 'bash',
  shell: 'bash',
  shellscript: 'bash',
  'shell-script': 'bash',
  sh: 'sh',
  dash: 'dash',
  ksh: 'ksh',
};
/**
 * SC2154 (referenced but not assigned) is `undeclared-variable`'s job, which
 * knows declarations, incident values and earlier steps. SC1091 (cannot
 * follow a sourced file) is always true of code given on stdin.
 */
const alwaysExcluded = ['SC2154', 'SC1091'];

export const shellcheck: LintRule<Options> = {
  id: 'shellcheck',
  description: 'ShellCheck finds no problem in shell steps (when `shellcheck` is installed)',
  url: ruleDocsUrl('shellcheck'),
  defaultSeverity: 'warning',
  fixable: true,
  tags: ['code'],
  hasSubRules: true,
  options: { exclude: { type: 'string[]', description: 'ShellCheck codes not to report, e.g. ["SC2086"].' } },
  defaultOptions: { exclude: [] },
  async check({ runbook, lines, options, env, signal, report }) {
    // A terminal session with output is prose-in-shell's finding: nothing in it is a script.
    const steps = runbook.steps.filter((step) => step.isShell && dialectOf(step) !== undefined && step.code.trim() !== '' && !isSession(step));
    if (steps.length === 0) return;
    const executable = findExecutable('shellcheck', env.PATH);
    if (!executable) {
      report({
        reason:
          'shellcheck is not installed, so shell steps were not checked with it; install it (Debian/Ubuntu: `apt-get install shellcheck`) or turn the `shellcheck` rule off',
        position: lines.position(0, 0),
        severity: 'info',
      });
      return;
    }
    const exclude = [...alwaysExcluded, ...options.exclude.map((code) => (/^\d+$/.test(code) ? `SC${code}` : code.toUpperCase()))];
    await Promise.all(
      steps.map(async (step) => {
        // The code as it runs once prompts, prose and placeholders are dealt with
        // (those have their own rules); offsets are the step's.
        const { code, hasSyntaxErrors } = commandView(step, lines);
        // Code that does not parse is shell-syntax's finding; shellcheck would only say it again.
        if (hasSyntaxErrors) return;
        const run = await runShellcheck({ executable, code, dialect: dialectOf(step)!, exclude, ...(signal ? { signal } : {}) });
        if (signal?.aborted) return;
        const locator = new CodeLocator(step, lines);
        if (run.failure !== undefined) {
          report({ reason: `shellcheck could not check this step: ${run.failure}`, position: locator.position(0, 0), severity: 'info' });
          return;
        }
        const prose = proseLines(step);
        const codeLines = step.code.split(/\r\n|\r|\n/);
        const offsetOf = (line: number, column: number): number => {
          const text = codeLines[line - 1] ?? '';
          return locator.offsetAt(line - 1, Math.min(utf16Column(text, column), text.length));
        };
        for (const comment of run.comments) {
          // Prose lines are prose-in-shell's finding, better explained there.
          if (prose.has(comment.line - 1)) continue;
          const code = `SC${comment.code}`;
          const fix = shellcheckFix(lines, comment, code, offsetOf);
          report({
            ruleId: `shellcheck/${code}`,
            url: `https://www.shellcheck.net/wiki/${code}`,
            reason: `${code}: ${comment.message}`,
            position: lines.position(offsetOf(comment.line, comment.column), offsetOf(comment.endLine, comment.endColumn)),
            severity: levels[comment.level] ?? 'warning',
            ...(fix ? { fix } : {}),
          });
        }
      }),
    );
  },
};

function dialectOf(step: Step): ShellcheckRequest['dialect'] | undefined {
  const shell = step.options.shell?.split('/').pop();
  return dialects[(shell ?? step.lang).toLowerCase()];
}

function isSession(step: Step): boolean {
  const root = shellSyntax(step);
  const runs = proseRuns(step, root);
  return runs.some((run) => run.kind === 'prompt') && !(runs.every((run) => run.kind === 'prompt') && onlyPromptedCommands(step, root));
}

function proseLines(step: Step): Set<number> {
  const lines = new Set<number>();
  for (const run of proseRuns(step, shellSyntax(step))) for (let line = run.firstLine; line <= run.lastLine; line++) lines.add(line);
  return lines;
}

/** 0-based UTF-16 column of a 1-based code-point column. */
function utf16Column(text: string, column: number): number {
  let units = 0;
  let points = 1;
  for (const char of text) {
    if (points >= column) break;
    units += char.length;
    points++;
  }
  return units + Math.max(0, column - points);
}

function shellcheckFix(lines: LineIndex, comment: ShellcheckComment, code: string, offsetOf: (line: number, column: number) => number): LintFix | undefined {
  const replacements = comment.fix?.replacements;
  if (!replacements || replacements.length === 0) return undefined;
  const edits = replacements.map((replacement) => ({
    start: offsetOf(replacement.line, replacement.column),
    end: offsetOf(replacement.endLine, replacement.endColumn),
    text: replacement.replacement,
  }));
  return combineEdits(lines, edits, `Apply ShellCheck's fix for ${code}`);
}
