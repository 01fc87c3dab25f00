import assert from 'node:assert/strict';
import { createJournalEvent, replayJournal } from '../../../packages/runbook-core/src/incident/index.ts';
import { DEFAULT_SEVERITIES, type IncidentState, type JournalEventInput } from '../../../packages/runbook-core/src/index.ts';
import { ago, incidentPickItems } from '../../../packages/vscode-extension/src/incident/incident-pick-item.ts';
import { clockTime } from '../../../packages/vscode-extension/src/clock-time.ts';

const now = Date.parse('2026-03-02T16:02:00.000Z');

/** An incident started at `startedAt`, then `events` a minute apart. */
function incident(id: string, title: string, severity: string, startedAt: string, events: JournalEventInput[] = []): IncidentState {
  const start = Date.parse(startedAt);
  const all: JournalEventInput[] = [{ type: 'started', incidentId: id, title, severity, severities: [...DEFAULT_SEVERITIES] }, ...events];
  return replayJournal({ id, events: all.map((event, index) => createJournalEvent(event, { now: new Date(start + index * 60_000), who: 'ana' })) });
}

describe('incidentPickItems: the incident picker as a person reads it', () => {
  const older = incident('INC-20260301-0900', 'Checkout errors', 'P1', '2026-03-01T09:00:00.000Z', [{ type: 'resolved', summary: 'Rolled back' }]);
  const open = incident('INC-20260302-1402', 'Disk filling up', 'P2', '2026-03-02T14:02:00.000Z');
  const cancelled = incident('INC-20260302-1500', 'False alarm', 'P3', '2026-03-02T15:00:00.000Z', [{ type: 'cancelled', reason: 'not real' }]);

  it('lists open incidents first, then closed ones newest first, with their status', () => {
    const items = incidentPickItems([older, cancelled, open], now);
    assert.deepEqual(
      items.map((item) => [item.group, item.label, item.description]),
      [
        ['Open', 'Disk filling up', 'P2 · open · INC-20260302-1402'],
        ['Resolved', 'False alarm', 'P3 · cancelled · INC-20260302-1500'],
        ['Resolved', 'Checkout errors', 'P1 · resolved · INC-20260301-0900'],
      ],
    );
  });

  it('says when it started as a clock time and how long ago, never a raw ISO timestamp', () => {
    const [first, , last] = incidentPickItems([older, cancelled, open], now);
    assert.equal(first?.detail, `started ${clockTime('2026-03-02T14:02:00.000Z')} (2 h ago)`);
    assert.match(last?.detail ?? '', /^started \w{3} \d+ \d\d:\d\d \(31 h ago\), resolved \w{3} \d+ \d\d:\d\d \(31 h ago\)$/);
    for (const item of incidentPickItems([older, cancelled, open], now)) assert.doesNotMatch(item.detail, /\d{4}-\d\d-\d\dT/);
  });

  it('counts minutes, hours and days', () => {
    assert.deepEqual([ago(20_000), ago(5 * 60_000), ago(3 * 3_600_000), ago(72 * 3_600_000)], ['just now', '5 min ago', '3 h ago', '3 d ago']);
  });
});
