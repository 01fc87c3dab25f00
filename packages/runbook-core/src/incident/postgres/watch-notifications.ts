import type pg from 'pg';
import { loadPg, quoteIdentifier } from './load-pg.ts';

export interface WatchNotificationsOptions {
  /** Settings for each new connection. */
  config: () => pg.ClientConfig;
  channel: string;
  onNotification: (payload: string) => void;
  /** Called after a reconnection, when notifications may have been missed. */
  onReconnect?: () => Promise<void> | void;
  /** First delay between attempts; doubles up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * LISTENs on a dedicated connection and keeps listening: when the connection
 * drops (the server restarts, the network goes away), it reconnects with a
 * growing delay and tells `onReconnect`. Resolves once the first attempt is
 * over (listening or not) to a function that stops it all.
 */
export async function watchNotifications(options: WatchNotificationsOptions): Promise<() => Promise<void>> {
  const minDelay = options.minDelayMs ?? 100;
  const maxDelay = options.maxDelayMs ?? 5000;
  let stopped = false;
  let client: pg.Client | undefined;
  let wake: (() => void) | undefined;
  let firstAttempt: (() => void) | undefined;
  const firstAttemptDone = new Promise<void>((resolve) => (firstAttempt = resolve));

  const { Client } = await loadPg();
  const loop = async () => {
    let delay = minDelay;
    let attempted = false;
    while (!stopped) {
      const current = new Client(options.config());
      client = current;
      const ended = new Promise<void>((resolve) => {
        current.once('end', () => resolve());
        current.on('error', () => resolve());
      });
      current.on('notification', (message) => {
        if (message.channel === options.channel && message.payload) options.onNotification(message.payload);
      });
      try {
        await current.connect();
        await current.query(`LISTEN ${quoteIdentifier(options.channel)}`);
        delay = minDelay;
        firstAttempt?.();
        if (attempted) await options.onReconnect?.();
        attempted = true;
        await ended;
      } catch {
        attempted = true;
        firstAttempt?.();
      }
      await current.end().catch(() => undefined);
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, delay).unref();
      });
      delay = Math.min(delay * 2, maxDelay);
    }
  };
  void loop();
  await firstAttemptDone;
  return async () => {
    stopped = true;
    wake?.();
    await client?.end().catch(() => undefined);
  };
}
