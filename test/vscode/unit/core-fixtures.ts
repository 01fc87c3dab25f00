import { readFileSync } from 'node:fs';
import { parseRunbook } from '../../../packages/runbook-core/src/index.ts';
import type { IncidentState, Runbook } from '../../../packages/runbook-core/src/index.ts';
import { fixtureWorkspace, userRunbook } from '../harness/repo-paths.ts';

export function demoRunbook(): Runbook {
  return parseRunbook(readFileSync(`${fixtureWorkspace}/demo.md`, 'utf8'));
}

export function usersRunbook(): Runbook {
  return parseRunbook(readFileSync(userRunbook, 'utf8'));
}

/** A small incident state, as core's replay would give it. */
export function incidentState(overrides: Partial<IncidentState> = {}): IncidentState {
  return {
    id: 'INC-20260101-0900',
    title: 'Disk filling up',
    severity: 'P2',
    severities: [],
    startedAt: '2026-01-01T09:00:00.000Z',
    status: 'open',
    phase: 'investigating',
    checklist: new Map(),
    steps: new Map(),
    notes: [],
    variables: new Map(),
    statusUpdates: [],
    events: [],
    foreignEvents: [],
    messages: [],
    ...overrides,
  };
}
