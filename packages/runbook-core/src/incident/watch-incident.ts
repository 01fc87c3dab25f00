import { assertIncidentId } from './incident-id.ts';
import { storeFor, type IncidentLocation } from './incident-location.ts';

export interface WatchIncidentOptions {
  /** How often a store without `watch` is read again, in milliseconds. Default: 250. */
  pollMs?: number;
  /** Reading the journal failed (a disk error); watching goes on. Default: ignored. */
  onError?: (error: unknown) => void;
  /** `false`: a store that cannot push changes is not read on a timer; the caller watches it its own way (an editor's file watcher). Default: true. */
  pollWhenNotPushed?: boolean;
}

/** Default interval for stores that cannot push changes. */
export const DEFAULT_POLL_MS = 250;

/**
 * Calls `onChange` soon after anyone appends to incident `id`: pushed by the
 * store when it can (`watch`), else found by reading the journal again every
 * `pollMs` (a journal only grows, so a longer text is a change). Resolves to
 * a function that stops watching.
 */
export async function watchIncident(
  location: IncidentLocation,
  id: string,
  onChange: () => void,
  options: WatchIncidentOptions = {},
): Promise<() => Promise<void>> {
  assertIncidentId(id);
  const store = storeFor(location);
  if (store.watch !== undefined) {
    return store.watch((changed) => {
      if (changed === id) onChange();
    });
  }
  if (options.pollWhenNotPushed === false) return async () => {};
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  if (!Number.isFinite(pollMs) || pollMs <= 0) throw new RangeError(`watchIncident: pollMs must be a positive number of milliseconds, got ${pollMs}`);
  let length = (await store.read(id).catch(() => undefined))?.length ?? 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let reading: Promise<void> = Promise.resolve();
  const poll = async (): Promise<void> => {
    try {
      const text = await store.read(id);
      const now = text?.length ?? 0;
      if (now !== length) {
        length = now;
        if (!stopped) onChange();
      }
    } catch (error) {
      options.onError?.(error);
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      reading = poll().finally(schedule);
    }, pollMs);
  };
  schedule();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await reading;
  };
}
