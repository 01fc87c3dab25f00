import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { asStorageError, errorCode, JournalStorageError } from './journal-storage-error.ts';

/**
 * Everything under `.runbook/` is private to its owner (folders 0700, files
 * 0600, created so, never chmod-ed after) and never reached through a symbolic
 * link. These check the folders on a path; files are opened with O_NOFOLLOW.
 */

/** Creates `.runbook/` (0700, with a `.gitignore` of `*`) if missing, and checks it is a real folder. */
export async function ensurePrivateRoot(root: string): Promise<void> {
  let created: string | undefined;
  try {
    created = await mkdir(root, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw asStorageError(error, root);
  }
  requireRealFolder(root);
  if (created === undefined) return;
  try {
    // 'wx': never through a link, never over a file someone put there.
    await writeFile(join(root, '.gitignore'), '# Incident journals and step output: local, private, never committed.\n*\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw asStorageError(error, join(root, '.gitignore'));
  }
}

/** Creates `folder` (0700) inside the real folder `parent` unless it exists; `false` when it already did. */
export async function makePrivateFolder(folder: string): Promise<boolean> {
  try {
    await mkdir(folder, { mode: 0o700 });
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw asStorageError(error, folder);
  }
}

/**
 * Checks that `root` and every folder from it down to `folder` is a real
 * folder, not a symbolic link, and that `folder` really lies inside `root`;
 * `false` when one of them does not exist. Synchronous: a handful of
 * metadata calls, cheaper than as many trips through the thread pool on
 * every journal append.
 */
export function realFoldersExist(root: string, folder: string): boolean {
  const parts = relative(root, folder)
    .split(sep)
    .filter((part) => part !== '');
  let path = root;
  for (const next of ['', ...parts]) {
    path = next === '' ? root : join(path, next);
    if (!requireRealFolder(path)) return false;
  }
  let realRoot: string;
  let realFolder: string;
  try {
    realRoot = realpathSync.native(root);
    realFolder = realpathSync.native(folder);
  } catch (error) {
    throw asStorageError(error, folder);
  }
  if (realFolder !== realRoot && !realFolder.startsWith(realRoot + sep)) {
    throw new JournalStorageError(folder, 'OUTSIDE', `it resolves to ${realFolder}, outside ${realRoot}`);
  }
  return true;
}

/** `true` for a real folder, `false` when missing; throws for a link or a file. */
function requireRealFolder(path: string): boolean {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw asStorageError(error, path);
  }
  if (stats.isSymbolicLink()) throw new JournalStorageError(path, 'SYMLINK', 'it is a symbolic link, and nothing under .runbook/ is used through one');
  if (!stats.isDirectory()) throw new JournalStorageError(path, 'ENOTDIR', 'it is not a folder');
  return true;
}
