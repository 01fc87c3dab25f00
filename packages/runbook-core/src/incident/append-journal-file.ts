import { closeSync, constants, fstatSync, fsync, ftruncateSync, openSync, readSync, write } from 'node:fs';
import { promisify } from 'node:util';
import { chainEvents } from './journal-chain.ts';
import { withJournalLock } from './journal-lock.ts';
import { asStorageError } from './journal-storage-error.ts';

const newline = 0x0a;
const tailChunk = 4096;
// Never through a symbolic link; created private.
const appendFlags = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;
const writeAsync = promisify(write);
const fsyncAsync = promisify(fsync);

/**
 * Appends events to a journal file as whole, hash-chained lines: under the
 * journal's lock, one `write` on an `O_APPEND` descriptor, then `fsync`. If
 * the file ends without a newline (a writer was killed mid-line), a newline
 * goes first so the torn line stays alone and ours stays parseable. A write
 * that fails (full disk, file size limit, read-only file system) is cut back
 * to the size before it, so a failed append leaves the journal as it was, and
 * rejects with a `JournalStorageError`. The file's folder must exist: missing
 * folders are the caller's error (ENOENT), never created here. Opening and
 * reading the tail are synchronous (microseconds); the write and the fsync,
 * which wait on the disk, are not.
 */
export async function appendJournalFile(path: string, incidentId: string, events: readonly object[]): Promise<void> {
  // The chain needs the last line to stay last until ours follows it.
  await withJournalLock(path, () => appendChained(path, incidentId, events));
}

async function appendChained(path: string, incidentId: string, events: readonly object[]): Promise<void> {
  let fd: number;
  try {
    fd = openSync(path, appendFlags, 0o600);
  } catch (error) {
    throw asStorageError(error, path);
  }
  try {
    const { size } = fstatSync(fd);
    const tail = lastLine(fd, size);
    const lines = chainEvents(incidentId, tail?.bytes, events);
    const bytes = tail?.torn ? Buffer.concat([Buffer.from('\n'), lines]) : lines;
    try {
      let written = 0;
      // A regular-file write is short only on a signal or at a limit; the next write says which.
      while (written < bytes.length) written += (await writeAsync(fd, bytes, written, bytes.length - written)).bytesWritten;
      await fsyncAsync(fd);
    } catch (error) {
      try {
        ftruncateSync(fd, size);
      } catch {
        // Nothing more can be done; the error below says what failed.
      }
      throw asStorageError(error, path);
    }
  } finally {
    closeSync(fd);
  }
}

/** The last non-empty line's bytes (without its newline), and whether the file ends mid-line. */
function lastLine(fd: number, size: number): { bytes: Buffer; torn: boolean } | undefined {
  const chunks: Buffer[] = [];
  let start = size;
  let torn: boolean | undefined;
  while (start > 0) {
    const from = Math.max(0, start - tailChunk);
    const chunk = Buffer.alloc(start - from);
    readSync(fd, chunk, 0, chunk.length, from);
    torn ??= chunk[chunk.length - 1] !== newline;
    chunks.unshift(chunk);
    start = from;
    const text = chunks.length === 1 ? chunk : Buffer.concat(chunks);
    // Skip the newlines that end the file (or are left by a racing appender).
    let stop = text.length;
    while (stop > 0 && text[stop - 1] === newline) stop -= 1;
    if (stop === 0) {
      chunks.length = 0;
      continue;
    }
    const before = text.lastIndexOf(newline, stop - 1);
    if (before !== -1 || start === 0) return { bytes: text.subarray(before + 1, stop), torn: torn ?? false };
  }
  return undefined;
}
