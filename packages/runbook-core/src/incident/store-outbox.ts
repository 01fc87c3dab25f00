import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEvent } from './journal-event.ts';
import { asStorageError, errorCode } from './journal-storage-error.ts';
import { ensurePrivateRoot, makePrivateFolder } from './private-folders.ts';

/** One thing waiting to be sent to the shared store, in the order it happened. */
export type OutboxEntry = { op: 'create'; id: string } | { op: 'append'; id: string; event: JournalEvent };

/** What the offline store keeps between processes: since when the store is unreachable. */
export interface OfflineState {
  offlineSince?: string;
}

/**
 * The local side of the offline store, under `.runbook/team-store/`:
 * `outbox.jsonl` (entries not yet sent, fsynced, in order), `state.json`,
 * and `copies/<id>.jsonl` (each incident's journal as last read from the
 * shared store), plus `incidents.json` (the ids last listed). Callers hold
 * `lockTarget`'s lock around a read-modify-write.
 */
export class StoreOutbox {
  readonly dir: string;
  readonly #runbookRoot: string;

  constructor(workspace: string) {
    this.#runbookRoot = join(workspace, '.runbook');
    this.dir = join(this.#runbookRoot, 'team-store');
  }

  /** The file whose lock serialises this workspace's processes. */
  get lockTarget(): string {
    return join(this.dir, 'outbox.jsonl');
  }

  async entries(): Promise<OutboxEntry[]> {
    const text = await readOptional(this.lockTarget);
    if (text === undefined) return [];
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as OutboxEntry];
        } catch {
          // A line torn by a killed writer was never acknowledged to anyone: it is not an event.
          return [];
        }
      });
  }

  /** Adds entries at the end, durably. */
  async add(entries: readonly OutboxEntry[]): Promise<void> {
    await this.ready();
    const handle = await open(this.lockTarget, 'a', 0o600).catch((error) => {
      throw asStorageError(error, this.lockTarget);
    });
    try {
      await handle.writeFile(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      await handle.sync();
    } catch (error) {
      throw asStorageError(error, this.lockTarget);
    } finally {
      await handle.close();
    }
  }

  /** Keeps only `remaining` (after some were sent). */
  async replace(remaining: readonly OutboxEntry[]): Promise<void> {
    if (remaining.length === 0) {
      await rm(this.lockTarget, { force: true });
      return;
    }
    await this.#writeAtomically(this.lockTarget, remaining.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  }

  async state(): Promise<OfflineState> {
    const text = await readOptional(join(this.dir, 'state.json'));
    try {
      return text === undefined ? {} : (JSON.parse(text) as OfflineState);
    } catch {
      return {};
    }
  }

  async setState(state: OfflineState): Promise<void> {
    await this.#writeAtomically(join(this.dir, 'state.json'), `${JSON.stringify(state)}\n`);
  }

  async copy(id: string): Promise<string | undefined> {
    return readOptional(join(this.dir, 'copies', `${id}.jsonl`));
  }

  async saveCopy(id: string, journal: string): Promise<void> {
    await this.ready();
    await makePrivateFolder(join(this.dir, 'copies'));
    await this.#writeAtomically(join(this.dir, 'copies', `${id}.jsonl`), journal);
  }

  async knownIds(): Promise<string[]> {
    const text = await readOptional(join(this.dir, 'incidents.json'));
    try {
      return text === undefined ? [] : (JSON.parse(text) as string[]);
    } catch {
      return [];
    }
  }

  async saveKnownIds(ids: readonly string[]): Promise<void> {
    await this.#writeAtomically(join(this.dir, 'incidents.json'), `${JSON.stringify(ids)}\n`);
  }

  /** Creates `.runbook/team-store/` (private) when missing. */
  async ready(): Promise<void> {
    await ensurePrivateRoot(this.#runbookRoot);
    await makePrivateFolder(this.dir);
  }

  async #writeAtomically(file: string, text: string): Promise<void> {
    await this.ready();
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      await writeFile(temporary, text, { mode: 0o600 });
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw asStorageError(error, file);
    }
  }
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}
