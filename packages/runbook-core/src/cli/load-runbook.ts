import { readFile, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { Runbook } from '../model.ts';
import { UsageError } from './command.ts';
import { loadParser } from './load-parser.ts';
import { nearbyRunbookFile } from './nearby-file.ts';

export interface LoadedRunbook {
  runbook: Runbook;
  /** The file as read. */
  source: string;
  /** Absolute path of the file. */
  file: string;
  /** Its folder: where steps run unless they say otherwise. */
  dir: string;
}

/** Reads and parses one runbook; a missing or unreadable file is a usage error naming it. */
export async function loadRunbook(path: string, cwd: string): Promise<LoadedRunbook> {
  const file = resolve(cwd, path);
  const info = await stat(file).catch(() => undefined);
  if (!info) {
    const near = await nearbyRunbookFile(path, cwd);
    throw new UsageError(`no such file: ${path}${near === undefined ? '' : ` (did you mean ${near}?)`}`);
  }
  if (!info.isFile()) throw new UsageError(`not a file: ${path}`);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const parseRunbook = await loadParser();
  const runbook = parseRunbook(source, { path: relative(cwd, file) || path });
  return { runbook, source, file, dir: dirname(file) };
}
