/** Why a write to the incident store failed, in words a person at 3 a.m. can act on. */
const causes: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EFBIG: 'the file size limit is reached',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'it is a symbolic link, and nothing under .runbook/ is written through one',
  ENOTDIR: 'a folder on its path is not a real folder',
  EIO: 'an input/output error from the device',
};

/**
 * A write to the incident store failed for a reason outside the program: a full
 * disk, a read-only file system, missing permission, a symbolic link where a
 * file or folder should be. The journal is left as it was before the write.
 */
export class JournalStorageError extends Error {
  override readonly name = 'JournalStorageError';
  /** The file or folder that could not be written. */
  readonly file: string;
  /** The system error code (`ENOSPC`, `EROFS`, …), or `SYMLINK` for a refused link. */
  readonly code: string;
  /** The cause in words, e.g. "no space left on the device". */
  readonly reason: string;

  constructor(file: string, code: string, reason = causes[code] ?? code, verb: 'write' | 'use' = 'write') {
    super(`cannot ${verb} ${file}: ${reason}`);
    this.file = file;
    this.code = code;
    this.reason = reason;
  }
}

/** The system error codes that are storage problems rather than bugs. */
export function isStorageErrorCode(code: unknown): code is string {
  return typeof code === 'string' && Object.hasOwn(causes, code);
}

export function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** Rethrows a storage failure as a `JournalStorageError` naming `file`; anything else unchanged. */
export function asStorageError(error: unknown, file: string): unknown {
  if (error instanceof JournalStorageError) return error;
  const code = errorCode(error);
  return isStorageErrorCode(code) ? new JournalStorageError(file, code) : error;
}
