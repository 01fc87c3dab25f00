import type { Stats } from 'node:fs';

/**
 * Larger files are not runbooks, and reading one whole would only slow a CI
 * run down: the largest runbook of our corpus is well under 1 MiB.
 */
export const largestRunbookBytes = 32 * 1024 * 1024;

/** What a file that is not a regular file is, in words. */
export function describeFileKind(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}
