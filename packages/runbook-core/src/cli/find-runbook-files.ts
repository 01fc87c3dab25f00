import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describeFileKind } from '../lint/files/readable-file.ts';
import { UsageError } from './command.ts';
import { nearbyRunbookFile } from './nearby-file.ts';

const markdown = /\.(md|markdown)$/i;
const skipped = new Set(['node_modules', '.git', '.runbook']);

/** Expands files and directories into Markdown files, sorted, each once. */
export async function findRunbookFiles(paths: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      const near = await nearbyRunbookFile(path, cwd);
      throw new UsageError(`no such file or directory: ${path}${near === undefined ? '' : ` (did you mean ${near}?)`}`);
    }
    if (info.isDirectory()) await walk(absolute, found);
    else if (info.isFile()) found.add(absolute);
    // Reading a device or a pipe would never end.
    else throw new UsageError(`not a runbook: ${path} is ${describeFileKind(info)}`);
  }
  return [...found].sort();
}

async function walk(directory: string, found: Set<string>): Promise<void> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) await walk(path, found);
    else if (entry.isFile() && markdown.test(entry.name)) found.add(path);
  }
}
