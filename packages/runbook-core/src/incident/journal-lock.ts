import { closeSync, constants, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { asStorageError, errorCode } from './journal-storage-error.ts';

const createExclusive = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
// A holder that has not written its pid this long after creating the lock is gone.
const silentHolderMs = 10_000;

/**
 * Runs `work` holding `<journal>.lock`, a file created exclusively that holds
 * the holder's pid. Appenders wait their turn; a lock left by a killed process
 * (its pid no longer alive on this machine) is taken over, so a `kill -9`
 * never blocks the journal for good. Taking and releasing are synchronous
 * calls: on every append, a trip through the thread pool each cost more than
 * the calls themselves.
 */
export async function withJournalLock<T>(journal: string, work: () => Promise<T>): Promise<T> {
  const lock = `${journal}.lock`;
  for (let attempt = 0; !tryLock(lock, journal); attempt += 1) {
    if (holderIsGone(lock)) removeLock(lock);
    else await sleep(Math.min(1 + attempt, 25));
  }
  try {
    return await work();
  } finally {
    removeLock(lock);
  }
}

function tryLock(lock: string, journal: string): boolean {
  let fd: number;
  try {
    fd = openSync(lock, createExclusive, 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw asStorageError(error, journal);
  }
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  return true;
}

function removeLock(lock: string): void {
  try {
    unlinkSync(lock);
  } catch {
    // Already gone: taken over as stale, or removed by hand.
  }
}

function holderIsGone(lock: string): boolean {
  try {
    const text = readFileSync(lock, 'utf8').trim();
    if (text === '') return Date.now() - statSync(lock).mtimeMs > silentHolderMs;
    const pid = Number(text);
    if (!Number.isInteger(pid) || pid <= 0) return true;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // ESRCH: no such process. ENOENT: released meanwhile; try again.
    return errorCode(error) === 'ESRCH';
  }
}
