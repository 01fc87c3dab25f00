import { isAbsolute, relative, sep } from 'node:path';
import type { Runbook } from '../model.ts';
import { checkedNow, createJournalEvent } from './create-event.ts';
import { assertIncidentId, DEFAULT_INCIDENT_ID_TEMPLATE, formatIncidentId } from './incident-id.ts';
import { IncidentInputError } from './incident-input-error.ts';
import { storeFor, type IncidentLocation } from './incident-location.ts';
import type { IncidentStore } from './incident-store.ts';
import type { IncidentState } from './incident-state.ts';
import type { JournalEvent } from './journal-event.ts';
import { replayJournal } from './replay-journal.ts';
import { resolveSeverity, severityLevels } from './severity.ts';

/** Suffixes tried after the plain id before giving up: `-2` … `-999`. */
const MAX_SUFFIX = 999;

export interface StartIncidentOptions extends IncidentLocation {
  /** A level id or label of the runbook's levels (default levels: P0–P3). */
  severity: string;
  /** What is happening, in a line. */
  title: string;
  /** Supplies the id template (`meta.incidentId`), the severity levels and the recorded path. */
  runbook?: Pick<Runbook, 'meta' | 'path'>;
  /** Recorded runbook path (default: `runbook.path`); stored relative to the workspace when inside it. */
  runbookPath?: string;
  /** Use exactly this id (validated); fails if it exists. Default: from the template, suffixed `-2`, `-3`… when taken. */
  id?: string;
  /** When the problem was detected, if before now (records a `detected-at` event; used for MTTD). */
  detectedAt?: Date;
  /** Start time (default: now). */
  now?: Date;
  /** Who starts it (default: `currentUser()`). */
  who?: string;
  /** A rehearsal: recorded like any incident, left out of the metrics. */
  drill?: boolean;
  /** The existing incident this one repeats (left out of the metrics). */
  duplicateOf?: string;
  /** Point `.runbook/current` at the new incident (default `true`). */
  makeCurrent?: boolean;
}

/**
 * Opens a new incident: reserves its id atomically, writes the `started` event
 * (and `detected-at` when given) in one append, and makes it current.
 */
export async function startIncident(options: StartIncidentOptions): Promise<IncidentState> {
  const store = storeFor(options);
  const now = checkedNow(options.now);
  const levels = severityLevels(options.runbook);
  const severity = resolveSeverity(options.severity, levels);
  const title = checkedTitle(options.title);
  const detectedAt = options.detectedAt === undefined ? undefined : checkedNow(options.detectedAt, 'detectedAt');
  if (detectedAt !== undefined && detectedAt.getTime() > now.getTime()) {
    throw new IncidentInputError('detectedAt', detectedAt, `is after the start (${now.toISOString()})`);
  }
  if (options.duplicateOf !== undefined) {
    assertIncidentId(options.duplicateOf, 'duplicate-of');
    if ((await store.read(options.duplicateOf)) === undefined)
      throw new IncidentInputError('duplicate-of', options.duplicateOf, `does not exist in ${store.location}`);
  }
  const id = await reserveId(store, options, now);
  const stamp = { now, ...(options.who === undefined ? {} : { who: options.who }) };
  const runbookPath = recordedPath(options.runbookPath ?? options.runbook?.path, options.workspace);
  const events: JournalEvent[] = [
    createJournalEvent(
      {
        type: 'started',
        incidentId: id,
        title,
        severity: severity.id,
        severities: levels,
        ...(runbookPath === undefined ? {} : { runbook: runbookPath }),
        ...(options.drill === true ? { drill: true } : {}),
        ...(options.duplicateOf === undefined ? {} : { duplicateOf: options.duplicateOf }),
      },
      stamp,
    ),
  ];
  if (detectedAt !== undefined) events.push(createJournalEvent({ type: 'detected-at', at: detectedAt.toISOString() }, stamp));
  await store.append(id, events);
  if (options.makeCurrent !== false) await store.setCurrent(id);
  return replayJournal({ id, events });
}

async function reserveId(store: IncidentStore, options: StartIncidentOptions, now: Date): Promise<string> {
  if (options.id !== undefined) {
    assertIncidentId(options.id, 'id');
    if (!(await store.create(options.id))) throw new IncidentInputError('id', options.id, `is already taken in ${store.location}`);
    return options.id;
  }
  const base = formatIncidentId(options.runbook?.meta.incidentId ?? DEFAULT_INCIDENT_ID_TEMPLATE, now);
  if (await store.create(base)) return base;
  for (let suffix = 2; suffix <= MAX_SUFFIX; suffix++) {
    const candidate = `${base}-${suffix}`;
    assertIncidentId(candidate);
    if (await store.create(candidate)) return candidate;
  }
  throw new IncidentInputError('incident id', base, `and its suffixes -2 to -${MAX_SUFFIX} are all taken in ${store.location}`);
}

function checkedTitle(title: unknown): string {
  if (typeof title !== 'string' || title.trim() === '') throw new IncidentInputError('title', title, 'must be a non-empty line of text');
  return title.replace(/\s+/g, ' ').trim();
}

function recordedPath(path: string | undefined, workspace: string | undefined): string | undefined {
  if (path === undefined || workspace === undefined || !isAbsolute(path)) return path;
  const inside = relative(workspace, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return path;
  return inside.split(sep).join('/');
}
