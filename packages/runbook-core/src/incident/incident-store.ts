import type { JournalEvent } from './journal-event.ts';

/**
 * Where incidents live. The default keeps files under the workspace's
 * `.runbook/`; a later store keeps the same journal on the Kubernetes API.
 * Every method receives ids already checked by `assertIncidentId`, and checks
 * them again anyway: a store is a trust boundary.
 */
export interface IncidentStore {
  /** Shown in messages, e.g. the folder. */
  readonly location: string;
  /** Reserves `id` atomically; resolves `false` when it is already taken. */
  create(id: string): Promise<boolean>;
  /** Appends events as whole lines, all or nothing visible to readers; rejects for an unknown incident. */
  append(id: string, events: readonly JournalEvent[]): Promise<void>;
  /** The journal as JSON lines, or `undefined` when there is no such incident. */
  read(id: string): Promise<string | undefined>;
  /** Every incident id, sorted. */
  list(): Promise<string[]>;
  /** The id of the current incident, if one is set. */
  current(): Promise<string | undefined>;
  /** Sets or clears (`undefined`) the current incident. */
  setCurrent(id: string | undefined): Promise<void>;
  /** A local file for a step's full output, its folder created; `name` is a plain file name. */
  logPath(id: string, name: string): Promise<string>;
  /**
   * Calls `onChange` with an incident's id soon after anyone (another process,
   * another machine) appends to it; resolves to a function that stops
   * watching. Stores without it are read again on a timer.
   */
  watch?(onChange: (id: string) => void): Promise<() => Promise<void>>;
  /** How the store is doing, for `status`: reachable or not, since when, and events not yet sent. */
  health?(): Promise<StoreHealth>;
  /** Lets go of connections and timers; the store is not used after. */
  close?(): Promise<void>;
}

export interface StoreHealth {
  online: boolean;
  /** ISO time of the first failed contact, while offline. */
  offlineSince?: string;
  /** Events kept locally, waiting to be sent, in order. */
  unsent: number;
}
