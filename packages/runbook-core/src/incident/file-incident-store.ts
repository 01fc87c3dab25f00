import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appendJournalFile } from './append-journal-file.ts';
import { serializeEvents } from './create-event.ts';
import { assertIncidentId, isIncidentId } from './incident-id.ts';
import { IncidentInputError } from './incident-input-error.ts';
import type { IncidentStore } from './incident-store.ts';
import type { JournalEvent } from './journal-event.ts';

const logNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * Incidents as files:
 * `.runbook/current` (the current id) and, per incident,
 * `.runbook/incidents/<id>/journal.jsonl` and `logs/`.
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
    await mkdir(join(this.root, 'incidents'), { recursive: true });
    try {
      // Non-recursive mkdir is atomic: of two starts in the same minute exactly one wins.
      await mkdir(dir);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      throw error;
    }
    await syncFolder(join(this.root, 'incidents'));
    return true;
  }

  async append(id: string, events: readonly JournalEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await appendJournalFile(this.journalPath(id), serializeEvents(events));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') throw new IncidentInputError('incident', id, `does not exist in ${this.location}`);
      throw error;
    }
  }

  async read(id: string): Promise<string | undefined> {
    try {
      return await readFile(this.journalPath(id), 'utf8');
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
      // A folder without a journal yet: the start is being written.
      return (await exists(this.incidentDir(id))) ? '' : undefined;
    }
  }

  async list(): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(join(this.root, 'incidents'), { withFileTypes: true });
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
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
    await mkdir(this.root, { recursive: true });
    // Write then rename, so a reader never sees half an id.
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temporary, `${id}\n`);
    await rename(temporary, file);
  }

  async logPath(id: string, name: string): Promise<string> {
    if (typeof name !== 'string' || !logNamePattern.test(name) || name.includes('..')) {
      throw new IncidentInputError('log file name', name, "may contain only letters, digits, '.', '-' and '_', without '..'");
    }
    const dir = join(this.incidentDir(id), 'logs');
    if (!(await exists(this.incidentDir(id)))) throw new IncidentInputError('incident', id, `does not exist in ${this.location}`);
    await mkdir(dir, { recursive: true });
    return join(dir, name);
  }
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
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
