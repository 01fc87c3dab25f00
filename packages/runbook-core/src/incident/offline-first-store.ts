import { chainEvents } from './journal-chain.ts';
import { withJournalLock } from './journal-lock.ts';
import { assertIncidentId } from './incident-id.ts';
import { IncidentInputError } from './incident-input-error.ts';
import type { IncidentStore, StoreHealth } from './incident-store.ts';
import type { JournalEvent } from './journal-event.ts';
import { isUnreachable } from './postgres/store-errors.ts';
import { type OutboxEntry, StoreOutbox } from './store-outbox.ts';

export interface OfflineFirstStoreOptions {
  /** The shared store (PostgreSQL). */
  shared: IncidentStore;
  /** The workspace whose `.runbook/team-store/` keeps the local copy and the outbox. */
  workspace: string;
  /** The clock (default: now), for "offline since". */
  now?: () => Date;
}

/**
 * The shared store, usable when it cannot be reached. Every write first
 * sends what waits in the outbox, in order; when the shared store is
 * unreachable the write goes to the outbox instead (fsynced), and reads
 * answer from the last copy read plus the waiting events, chained after it.
 * Sending again is harmless: the shared store skips an event id it already
 * has. So nothing is lost and nothing doubled; `health()` says since when
 * it is offline and how many events wait. Errors other than unreachability
 * (a refused permission, an unknown incident) are thrown as they are.
 */
export class OfflineFirstStore implements IncidentStore {
  readonly location: string;
  readonly #shared: IncidentStore;
  readonly #outbox: StoreOutbox;
  readonly #now: () => Date;

  constructor(options: OfflineFirstStoreOptions) {
    this.#shared = options.shared;
    this.#outbox = new StoreOutbox(options.workspace);
    this.#now = options.now ?? (() => new Date());
    this.location = options.shared.location;
  }

  async create(id: string): Promise<boolean> {
    assertIncidentId(id);
    return this.#locked(async (pending) => {
      if (pending.length === 0) {
        try {
          const created = await this.#shared.create(id);
          await this.#online();
          return created;
        } catch (error) {
          if (!isUnreachable(error)) throw error;
          await this.#offline();
        }
      }
      // An incident can start offline; its id is checked against what this workspace knows.
      const known = (await this.#outbox.knownIds()).includes(id) || pending.some((entry) => entry.op === 'create' && entry.id === id);
      if (known) return false;
      await this.#outbox.add([{ op: 'create', id }]);
      return true;
    });
  }

  async append(id: string, events: readonly JournalEvent[]): Promise<void> {
    assertIncidentId(id);
    if (events.length === 0) return;
    await this.#locked(async (pending) => {
      if (pending.length === 0) {
        try {
          await this.#shared.append(id, events);
          await this.#online();
          return;
        } catch (error) {
          if (!isUnreachable(error)) throw error;
          await this.#offline();
        }
      }
      // Sent later, an event for an incident the shared store lacks would block the outbox: refused now.
      if (!(await this.#knownOffline(id, pending))) throw new IncidentInputError('incident', id, `does not exist in ${this.location}`);
      await this.#outbox.add(events.map((event) => ({ op: 'append', id, event })));
    });
  }

  async read(id: string): Promise<string | undefined> {
    assertIncidentId(id);
    return this.#locked(async (pending) => {
      if (pending.length === 0) {
        try {
          const journal = await this.#shared.read(id);
          await this.#online();
          if (journal !== undefined) await this.#outbox.saveCopy(id, journal);
          return journal;
        } catch (error) {
          if (!isUnreachable(error)) throw error;
          await this.#offline();
        }
      }
      return this.#localJournal(id, pending);
    });
  }

  async list(): Promise<string[]> {
    return this.#locked(async (pending) => {
      const waiting = pending.flatMap((entry) => (entry.op === 'create' ? [entry.id] : []));
      let ids: string[];
      if (pending.length === 0) {
        try {
          ids = await this.#shared.list();
          await this.#online();
          await this.#outbox.saveKnownIds(ids);
          return ids;
        } catch (error) {
          if (!isUnreachable(error)) throw error;
          await this.#offline();
        }
      }
      ids = await this.#outbox.knownIds();
      return [...new Set([...ids, ...waiting])].sort();
    });
  }

  current(): Promise<string | undefined> {
    return this.#shared.current();
  }

  setCurrent(id: string | undefined): Promise<void> {
    return this.#shared.setCurrent(id);
  }

  logPath(id: string, name: string): Promise<string> {
    return this.#shared.logPath(id, name);
  }

  async watch(onChange: (id: string) => void): Promise<() => Promise<void>> {
    if (this.#shared.watch === undefined) throw new IncidentInputError('store', this.location, 'cannot be watched');
    return this.#shared.watch(onChange);
  }

  /** Tries to send what waits, then says how it went. */
  async health(): Promise<StoreHealth> {
    await this.#locked(async (pending) => {
      if (pending.length > 0) return;
      try {
        const shared = (await this.#shared.health?.()) ?? { online: true, unsent: 0 };
        if (shared.online) await this.#online();
        else await this.#offline();
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        await this.#offline();
      }
    });
    const pending = await this.#outbox.entries();
    const { offlineSince } = await this.#outbox.state();
    return {
      online: offlineSince === undefined,
      ...(offlineSince === undefined ? {} : { offlineSince }),
      unsent: pending.filter((entry) => entry.op === 'append').length,
    };
  }

  async close(): Promise<void> {
    await this.#shared.close?.();
  }

  /** Runs `work` under the workspace's outbox lock, after sending what it can; `work` sees what still waits. */
  async #locked<T>(work: (pending: OutboxEntry[]) => Promise<T>): Promise<T> {
    await this.#outbox.ready();
    return withJournalLock(this.#outbox.lockTarget, async () => work(await this.#send()));
  }

  /** Sends waiting entries in order, stopping at the first unreachable moment; returns what is left. */
  async #send(): Promise<OutboxEntry[]> {
    const pending = await this.#outbox.entries();
    let sent = 0;
    try {
      while (sent < pending.length) {
        const entry = pending[sent]!;
        if (entry.op === 'create') {
          // Taken already: by this writer before a lost reply, or by a teammate in the same minute; the events join it.
          await this.#shared.create(entry.id);
          sent += 1;
          continue;
        }
        let end = sent;
        while (end < pending.length && pending[end]!.op === 'append' && pending[end]!.id === entry.id) end += 1;
        const batch = pending.slice(sent, end).map((item) => (item as Extract<OutboxEntry, { op: 'append' }>).event);
        await this.#shared.append(entry.id, batch);
        sent = end;
      }
      if (pending.length > 0) await this.#online();
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      await this.#offline();
    }
    if (sent > 0) await this.#outbox.replace(pending.slice(sent));
    return pending.slice(sent);
  }

  async #localJournal(id: string, pending: readonly OutboxEntry[]): Promise<string | undefined> {
    const copy = await this.#outbox.copy(id);
    const createdHere = pending.some((entry) => entry.op === 'create' && entry.id === id);
    if (copy === undefined && !createdHere) return undefined;
    const base = copy ?? '';
    const events = pending.flatMap((entry) => (entry.op === 'append' && entry.id === id ? [entry.event] : []));
    if (events.length === 0) return base;
    const lines = base.split('\n').filter((line) => line !== '');
    const last = lines.at(-1);
    return base + chainEvents(id, last === undefined ? undefined : Buffer.from(last, 'utf8'), events).toString('utf8');
  }

  async #knownOffline(id: string, pending: readonly OutboxEntry[]): Promise<boolean> {
    if (pending.some((entry) => entry.op === 'create' && entry.id === id)) return true;
    return (await this.#outbox.copy(id)) !== undefined || (await this.#outbox.knownIds()).includes(id);
  }

  async #online(): Promise<void> {
    if ((await this.#outbox.state()).offlineSince !== undefined) await this.#outbox.setState({});
  }

  async #offline(): Promise<void> {
    if ((await this.#outbox.state()).offlineSince === undefined) await this.#outbox.setState({ offlineSince: this.#now().toISOString() });
  }
}
