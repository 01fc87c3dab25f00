import { constants } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { asStorageError, errorCode } from './journal-storage-error.ts';

const createExclusive = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
// A holder that has not written its pid this long after creating the lock is gone.
const silentHolderMs = 10_000;

/**
 * Runs `work` holding `<journal>.lock`, a file created exclusively that holds
 * the holder's pid. Appenders wait their turn; a lock left by a killed process
 * (its pid no longer alive on this machine) is taken over, so a `kill -9`
 * never blocks the journal for good.
 */
export async function withJournalLock<T>(journal: string, work: () => Promise<T>): Promise<T> {
  const lock = `${journal}.lock`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const handle = await open(lock, createExclusive, 0o600);
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw asStorageError(error, journal);
      if (await holderIsGone(lock)) await rm(lock, { force: true });
      else await sleep(Math.min(1 + attempt, 25));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}

async function holderIsGone(lock: string): Promise<boolean> {
  try {
    const text = (await readFile(lock, 'utf8')).trim();
    if (text === '') return Date.now() - (await stat(lock)).mtimeMs > silentHolderMs;
    const pid = Number(text);
    if (!Number.isInteger(pid) || pid <= 0) return true;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // ESRCH: no such process. ENOENT: released meanwhile; try again.
    return errorCode(error) === 'ESRCH';
  }
}
