import { lstat, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { GitignoreFilter } from './gitignore-filter.ts';
import { describeFileKind, largestRunbookBytes } from './readable-file.ts';

export interface FoundFiles {
  /** Absolute paths, sorted, each once. */
  files: string[];
  /** Arguments that named nothing: a missing path, or a glob that matched no file. */
  unmatched: string[];
  /** Files left out, with why: devices, pipes, sockets, links that lead nowhere or in a loop, files too large. */
  skipped: Array<{ path: string; reason: string }>;
}

const markdownGlob = '**/*.{md,markdown}';
const alwaysSkipped = ['**/node_modules/**', '**/.git/**'];

/**
 * Expands paths, directories and globs into Markdown files. A named file is
 * taken as it is; directories are walked for `.md` / `.markdown` and globs
 * expanded, both without what `.gitignore` files ignore (and without
 * `node_modules`, `.git` and hidden folders). Every match must be a regular
 * file of a sane size, so a link to `/dev/zero` or a FIFO cannot stall a CI
 * run, and a file reached again through a link loop is read once.
 */
export async function findMarkdownFiles(patterns: readonly string[], cwd: string): Promise<FoundFiles> {
  const found = new Set<string>();
  /** Real path → the path it was first found under. */
  const seen = new Map<string, string>();
  const unmatched: string[] = [];
  const skipped: FoundFiles['skipped'] = [];
  const gitignore = new GitignoreFilter();
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    const info = await stat(absolute).catch(() => undefined);
    let matches: string[];
    if (info?.isDirectory()) matches = await glob(markdownGlob, { cwd: absolute, absolute: true, ignore: alwaysSkipped, caseSensitiveMatch: false });
    else if (info === undefined && isDynamicPattern(pattern)) matches = await glob(pattern, { cwd, absolute: true, ignore: alwaysSkipped });
    else matches = info === undefined ? [] : [absolute];
    if (info === undefined || info.isDirectory()) matches = matches.filter((file) => !gitignore.ignores(file));
    let kept = 0;
    for (const file of matches) {
      const reason = await unreadableReason(file);
      if (reason !== undefined) {
        skipped.push({ path: file, reason });
        continue;
      }
      const real = await realpath(file);
      const first = seen.get(real);
      if (first !== undefined && first !== join(file)) {
        skipped.push({ path: file, reason: `the same file as ${relative(cwd, first) || first}, through a symbolic link` });
        continue;
      }
      seen.set(real, join(file));
      found.add(join(file));
      kept++;
    }
    if (matches.length === 0 || (kept === 0 && info === undefined)) unmatched.push(pattern);
  }
  return { files: [...found].sort(), unmatched, skipped };
}

/** Why a path is not a runbook to read, or undefined when it is a regular file of a sane size. */
async function unreadableReason(file: string): Promise<string | undefined> {
  const link = await lstat(file).catch(() => undefined);
  if (link === undefined) return 'it vanished while the folder was read';
  const target = link.isSymbolicLink() ? await stat(file).catch((error: NodeJS.ErrnoException) => error) : link;
  if (target instanceof Error) return target.code === 'ELOOP' ? 'a symbolic link loop' : 'a symbolic link that leads nowhere';
  if (!target.isFile()) {
    const via = link.isSymbolicLink() ? ` (a link to ${await realpath(file).catch(() => 'it')})` : '';
    return `not a regular file: ${describeFileKind(target)}${via}`;
  }
  if (target.size > largestRunbookBytes)
    return `${Math.round(target.size / 1048576)} MiB is larger than a runbook can be (${largestRunbookBytes / 1048576} MiB)`;
  return undefined;
}
