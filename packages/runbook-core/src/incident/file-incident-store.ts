import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appendJournalFile } from './append-journal-file.ts';
import { assertIncidentId, isIncidentId } from './incident-id.ts';
import { IncidentInputError } from './incident-input-error.ts';
import type { IncidentStore } from './incident-store.ts';
import type { JournalEvent } from './journal-event.ts';
import { asStorageError, errorCode, JournalStorageError } from './journal-storage-error.ts';
import { ensurePrivateRoot, makePrivateFolder, realFoldersExist } from './private-folders.ts';

const logNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * Incidents as files:
 * `.runbook/current` (the current id) and, per incident,
 * `.runbook/incidents/<id>/journal.jsonl` and `logs/`. Folders are created
 * 0700 and files 0600; no folder or file under `.runbook/` is used through a
 * symbolic link (a linked incident folder is refused, and reported by
 * `refusedEntries()`). Failed writes reject with a `JournalStorageError`.
 */
export class FileIncidentStore implements IncidentStore {
  /** The `.runbook` folder. */
  readonly root: string;
  readonly location: string;

  constructor(workspace: string) {
    if (typeof workspace !== 'string' || workspace === '') throw new IncidentInputError('workspace', workspace, 'must be a folder path');
    this.root = join(workspace, '.runbook');
    this.location = this.root;
  }

  incidentDir(id: string): string {
    assertIncidentId(id);
    return join(this.root, 'incidents', id);
  }

  journalPath(id: string): string {
    return join(this.incidentDir(id), 'journal.jsonl');
  }

  async create(id: string): Promise<boolean> {
    const dir = this.incidentDir(id);
    const incidents = join(this.root, 'incidents');
    await ensurePrivateRoot(this.root);
    await makePrivateFolder(incidents);
    realFoldersExist(this.root, incidents);
    // Non-recursive mkdir is atomic: of two starts in the same minute exactly one wins.
    if (!(await makePrivateFolder(dir))) return false;
    await syncFolder(incidents);
    return true;
  }

  async append(id: string, events: readonly JournalEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.#requireIncidentFolder(id);
    try {
      await appendJournalFile(this.journalPath(id), id, events);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') throw new IncidentInputError('incident', id, `does not exist in ${this.location}`);
      throw error;
    }
  }

  async read(id: string): Promise<string | undefined> {
    if (!(await this.#incidentFolderExists(id, 'use'))) return undefined;
    const file = this.journalPath(id);
    let handle: FileHandle;
    try {
      handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      // A folder without a journal yet: the start is being written.
      if (errorCode(error) === 'ENOENT') return '';
      const refused = asStorageError(error, file);
      throw refused instanceof JournalStorageError ? new JournalStorageError(file, refused.code, refused.reason, 'use') : refused;
    }
    try {
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  }

  /** Entries of `incidents/` that look like incidents but are not real folders (e.g. symbolic links): refused, never read or written. */
  async refusedEntries(): Promise<string[]> {
    const entries = await this.#incidentEntries();
    return entries.filter((entry) => !entry.isDirectory() && isIncidentId(entry.name)).map((entry) => join(this.root, 'incidents', entry.name));
  }

  async #incidentEntries() {
    try {
      if (!realFoldersExist(this.root, join(this.root, 'incidents'))) return [];
      return await readdir(join(this.root, 'incidents'), { withFileTypes: true });
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
  }

  async #incidentFolderExists(id: string, verb: 'write' | 'use'): Promise<boolean> {
    try {
      return realFoldersExist(this.root, this.incidentDir(id));
    } catch (error) {
      if (error instanceof JournalStorageError && verb === 'use') throw new JournalStorageError(error.file, error.code, error.reason, 'use');
      throw error;
    }
  }

  async #requireIncidentFolder(id: string): Promise<void> {
    if (!(await this.#incidentFolderExists(id, 'write'))) throw new IncidentInputError('incident', id, `does not exist in ${this.location}`);
  }

  async list(): Promise<string[]> {
    const entries = await this.#incidentEntries();
    return entries
      .filter((entry) => entry.isDirectory() && isIncidentId(entry.name))
      .map((entry) => entry.name)
      .sort();
  }

  async current(): Promise<string | undefined> {
    const file = join(this.root, 'current');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    const id = text.trim();
    if (id === '') return undefined;
    assertIncidentId(id, `current incident in ${file}`);
    return id;
  }

  async setCurrent(id: string | undefined): Promise<void> {
    const file = join(this.root, 'current');
    if (id === undefined) {
      await rm(file, { force: true });
      return;
    }
    assertIncidentId(id);
    await ensurePrivateRoot(this.root);
    // Write then rename, so a reader never sees half an id.
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, `${id}\n`, { flag: 'wx', mode: 0o600 });
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw asStorageError(error, file);
    }
  }

  async logPath(id: string, name: string): Promise<string> {
    if (typeof name !== 'string' || !logNamePattern.test(name) || name.includes('..')) {
      throw new IncidentInputError('log file name', name, "may contain only letters, digits, '.', '-' and '_', without '..'");
    }
    const dir = join(this.incidentDir(id), 'logs');
    await this.#requireIncidentFolder(id);
    await makePrivateFolder(dir);
    realFoldersExist(this.root, dir);
    return join(dir, name);
  }
}

/** Makes a new folder entry durable; a no-op where folders cannot be opened (Windows). */
async function syncFolder(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the entry is best effort; the journal itself is fsynced.
  }
}
