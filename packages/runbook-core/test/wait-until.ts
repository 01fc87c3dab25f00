import { setTimeout as delay } from 'node:timers/promises';

/** Polls `probe` until it gives a value: for what a real process does in its own time (mocha's timeout bounds it). */
export async function until<T>(probe: () => T | undefined): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    await delay(25);
  }
}
