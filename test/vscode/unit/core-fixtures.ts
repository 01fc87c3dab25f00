import { readFileSync } from 'node:fs';
import { createJournalEvent, replayJournal } from '../../../packages/runbook-core/src/incident/index.ts';
import { DEFAULT_SEVERITIES, parseRunbook } from '../../../packages/runbook-core/src/index.ts';
import type { IncidentState, JournalEventInput, Runbook } from '../../../packages/runbook-core/src/index.ts';
import { requireMaterial, userRunbookPath } from '../../support/external-material.ts';
import { fixtureWorkspace } from '../harness/repo-paths.ts';

export function demoRunbook(): Runbook {
  return parseRunbook(readFileSync(`${fixtureWorkspace}/demo.md`, 'utf8'));
}

/** The user's runbook, parsed; skips the calling test when it is not here. */
export function usersRunbook(context: Mocha.Context): Runbook {
  return parseRunbook(readFileSync(requireMaterial(context, userRunbookPath(), 'user runbook'), 'utf8'));
}

/** An incident as core replays it from a journal: started, then `events`. */
export function incidentState(events: readonly JournalEventInput[] = []): IncidentState {
  const stamp = { now: new Date('2026-01-01T09:00:00.000Z'), who: 'ana' };
  const started: JournalEventInput = {
    type: 'started',
    incidentId: 'INC-20260101-0900',
    title: 'Disk filling up',
    severity: 'P2',
    severities: [...DEFAULT_SEVERITIES],
  };
  return replayJournal({ id: 'INC-20260101-0900', events: [started, ...events].map((event) => createJournalEvent(event, stamp)) });
}
