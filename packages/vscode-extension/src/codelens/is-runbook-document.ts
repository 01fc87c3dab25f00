import { globMatcher } from './glob-pattern.ts';

/** `runbook.files`' default: names that say "runbook" or "playbook", in any folder. */
export const defaultRunbookGlobs: readonly string[] = ['**/*runbook*.md', '**/*playbook*.md'];

// A `---` line, YAML, a `---` line: at the very top only (after a byte order mark).
const frontmatter = /^\uFEFF?---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;
const runbooksFolder = /(?:^|\/)runbooks\//i;

/**
 * Whether a Markdown file is a runbook, and so gets Run lenses: it has a
 * frontmatter, sits in a `runbooks/` folder, or its path matches one of
 * `globs`. A README whose `npm install` block is documentation is none of
 * these. `path` is relative to the workspace folder (or absolute outside
 * one), with `/` or `\` separators.
 */
export function isRunbookDocument(path: string, text: string, globs: readonly string[]): boolean {
  if (frontmatter.test(text)) return true;
  const normalized = path.replaceAll('\\', '/');
  if (runbooksFolder.test(normalized)) return true;
  return globs.some((glob) => glob.trim() !== '' && globMatcher(glob.trim())(normalized));
}

// A top-level heading near the top that names the file as a runbook.
const runbookTitle = /^#{1,2}[ \t]+.*\b(?:runbook|playbook|incident response|incident management)\b/im;

/**
 * Whether a Markdown file that is not a runbook by the rules above reads like
 * one (its first lines' headings say so): it gets one lens offering Run
 * lenses, not the lenses themselves.
 */
export function looksLikeRunbook(text: string): boolean {
  return runbookTitle.test(text.slice(0, 2000));
}
