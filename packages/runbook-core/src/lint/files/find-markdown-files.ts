import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { GitignoreFilter } from './gitignore-filter.ts';

export interface FoundFiles {
  /** Absolute paths, sorted, each once. */
  files: string[];
  /** Arguments that named nothing: a missing path, or a glob that matched no file. */
  unmatched: string[];
}

const markdownGlob = '**/*.{md,markdown}';
const alwaysSkipped = ['**/node_modules/**', '**/.git/**'];

/**
 * Expands paths, directories and globs into Markdown files. A named file is
 * taken as it is; directories are walked for `.md` / `.markdown` and globs
 * expanded, both without what `.gitignore` files ignore (and without
 * `node_modules`, `.git` and hidden folders).
 */
export async function findMarkdownFiles(patterns: readonly string[], cwd: string): Promise<FoundFiles> {
  const found = new Set<string>();
  const unmatched: string[] = [];
  const gitignore = new GitignoreFilter();
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    const info = await stat(absolute).catch(() => undefined);
    let matches: string[];
    if (info?.isFile()) matches = [absolute];
    else if (info?.isDirectory()) matches = await glob(markdownGlob, { cwd: absolute, absolute: true, ignore: alwaysSkipped, caseSensitiveMatch: false });
    else if (isDynamicPattern(pattern)) matches = await glob(pattern, { cwd, absolute: true, ignore: alwaysSkipped });
    else matches = [];
    if (!info?.isFile()) matches = matches.filter((file) => !gitignore.ignores(file));
    if (matches.length === 0) unmatched.push(pattern);
    for (const file of matches) found.add(join(file));
  }
  return { files: [...found].sort(), unmatched };
}
