import type { Step } from '../../model.ts';
import type { LintFix } from '../lint-message.ts';
import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { CodeLocator } from '../source/code-locator.ts';
import { combineEdits, type SourceEdit } from '../source/combine-edits.ts';
import { fenceInfo } from '../source/fence-info.ts';
import type { LineIndex } from '../source/line-index.ts';
import { onlyPromptedCommands, promptPrefix, proseRuns, type ProseRun } from '../source/prose-lines.ts';
import { shellSyntax } from '../source/shell-syntax.ts';

/**
 * Lines of a shell step that are not commands make the step fail when run:
 * the user's on-call block holds its escalation chain (`1. Primary On-Call
 * Engineer (0-15 minutes)`) inside `bash`. Such lines are fixed by making
 * them comments. A block written as a terminal session (`$ ` prompts) is
 * one finding: drop the prompts, or, when it also shows output, mark it
 * `console` so it is shown, not run.
 */
export const proseInShell: LintRule = {
  id: 'prose-in-shell',
  description: 'Shell steps hold commands, not prose, output or `$ ` prompts',
  url: ruleDocsUrl('prose-in-shell'),
  defaultSeverity: 'error',
  fixable: true,
  tags: ['steps', 'code'],
  check({ runbook, lines, report }) {
    for (const step of runbook.steps) {
      if (!step.isShell) continue;
      const root = shellSyntax(step);
      const runs = proseRuns(step, root);
      if (runs.length === 0) continue;
      const locator = new CodeLocator(step, lines);
      const codeLines = step.code.split(/\r\n|\r|\n/);
      const prompts = runs.filter((run) => run.kind === 'prompt');
      const first = prompts[0];
      if (first) {
        const promptsOnly = runs.length === prompts.length && onlyPromptedCommands(step, root);
        const fix = promptsOnly ? dropPrompts(lines, locator, codeLines, prompts) : markConsole(lines, step);
        const count = prompts.reduce((sum, run) => sum + run.lastLine - run.firstLine + 1, 0);
        report({
          reason: promptsOnly
            ? `${count === 1 ? 'A command starts' : `${count} commands start`} with a prompt (\`${shorten(first.sample)}\`): the shell would run the prompt as a command; drop the prompts`
            : `This block is a terminal session (\`${shorten(first.sample)}\` and its output), not a script: running it fails; mark it \`console\` to show it without running it`,
          position: linePosition(lines, locator, codeLines, first.firstLine, first.firstLine),
          ...(fix ? { fix } : {}),
        });
        continue;
      }
      for (const run of runs) {
        const count = run.lastLine - run.firstLine + 1;
        const fix = commentOut(lines, locator, codeLines, run);
        report({
          reason: `${count === 1 ? 'This line is' : `These ${count} lines are`} not shell but prose or output (\`${shorten(run.sample)}\`): running the step fails on ${count === 1 ? 'it' : 'them'}; move ${count === 1 ? 'it' : 'them'} out of the code block or make ${count === 1 ? 'it a comment' : 'them comments'}`,
          position: linePosition(lines, locator, codeLines, run.firstLine, run.lastLine),
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
};

function linePosition(lines: LineIndex, locator: CodeLocator, codeLines: readonly string[], first: number, last: number) {
  return lines.position(contentStart(locator, codeLines, first), locator.lineRange(last)[1]);
}

/** Source offset of a code line's first non-blank character. */
function contentStart(locator: CodeLocator, codeLines: readonly string[], line: number): number {
  const text = codeLines[line]!;
  return locator.offsetAt(line, text.length - text.trimStart().length);
}

function commentOut(lines: LineIndex, locator: CodeLocator, codeLines: readonly string[], run: ProseRun): LintFix | undefined {
  const edits: SourceEdit[] = [];
  for (let line = run.firstLine; line <= run.lastLine; line++) {
    const at = contentStart(locator, codeLines, line);
    edits.push({ start: at, end: at, text: '# ' });
  }
  return combineEdits(lines, edits, run.firstLine === run.lastLine ? 'Make the line a comment' : 'Make the lines comments');
}

function dropPrompts(lines: LineIndex, locator: CodeLocator, codeLines: readonly string[], runs: readonly ProseRun[]): LintFix | undefined {
  const edits: SourceEdit[] = [];
  for (const run of runs) {
    for (let line = run.firstLine; line <= run.lastLine; line++) {
      const at = contentStart(locator, codeLines, line);
      const prompt = promptPrefix.exec(codeLines[line]!.trimStart());
      if (prompt) edits.push({ start: at, end: at + prompt[0].length, text: '' });
    }
  }
  return combineEdits(lines, edits, 'Remove the prompts');
}

function markConsole(lines: LineIndex, step: Step): LintFix | undefined {
  const fence = fenceInfo(lines, step.position.start.offset);
  const start = fence.infoStart;
  if (step.lang === '' || lines.source.slice(start, start + step.lang.length) !== step.lang) return undefined;
  return { range: lines.position(start, start + step.lang.length), insertText: 'console', title: 'Mark the block `console` (shown, not run)' };
}

function shorten(text: string): string {
  return text.length > 50 ? `${text.slice(0, 47)}…` : text;
}
