import { open, type FileHandle } from 'node:fs/promises';

const newline = 0x0a;

/**
 * Appends whole lines to a journal file durably: one `write` on an `O_APPEND`
 * descriptor, then `fsync`. Concurrent appenders therefore interleave whole
 * lines. If the file ends without a newline (a writer was killed mid-line), a
 * newline goes first so the torn line stays alone and ours stays parseable.
 * (An appender that reads the tail while another's write is in flight takes it
 * for torn too, which costs an empty line, never a broken one: readers skip
 * empty lines, and a lock that a `kill -9` could leave behind would cost more.)
 * The file must already exist or its folder must: missing folders are the
 * caller's error (ENOENT), never created here.
 */
export async function appendJournalFile(path: string, text: string): Promise<void> {
  const handle = await open(path, 'a+');
  try {
    const prefix = (await endsTorn(handle)) ? '\n' : '';
    const bytes = Buffer.from(prefix + text, 'utf8');
    let written = 0;
    // A regular-file write is short only on a signal or a full disk; finish it rather than tear the line.
    while (written < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
      written += bytesWritten;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function endsTorn(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] !== newline;
}
