import assert from 'node:assert/strict';
import type { IncidentStatus } from '../../../packages/runbook-core/src/index.ts';
import { LateUpdateNotices } from '../../../packages/vscode-extension/src/incident/late-update-notice.ts';

const due = Date.parse('2026-11-14T14:30:00.000Z');
const minute = 60_000;

function status(overrides: Partial<IncidentStatus> = {}): IncidentStatus {
  return {
    id: 'INC-20261114-1400',
    status: 'open',
    phase: 'investigating',
    elapsedMs: 30 * minute,
    responseOverdue: false,
    responseLate: false,
    updateEveryMinutes: 30,
    nextUpdateDueAt: new Date(due).toISOString(),
    updateOverdue: false,
    ...overrides,
  };
}

describe('LateUpdateNotices (late status update, told once)', () => {
  it('says nothing before the due moment, then once when it passes, however often the status bar ticks', () => {
    const notices = new LateUpdateNotices();
    assert.equal(notices.notice(status(), due - 1), undefined);
    assert.equal(notices.notice(status(), due + 5 * minute + 10_000), 'Status update for INC-20261114-1400 is 5 min late (due 14:30 UTC).');
    for (const later of [6, 7, 60]) assert.equal(notices.notice(status(), due + later * minute), undefined);
  });

  it('says "due now" in the first minute', () => {
    assert.equal(new LateUpdateNotices().notice(status(), due + 20_000), 'Status update for INC-20261114-1400 is due now (due 14:30 UTC).');
  });

  it('tells again for the next due moment, and for another incident', () => {
    const notices = new LateUpdateNotices();
    assert.ok(notices.notice(status(), due + minute));
    const next = due + 30 * minute;
    assert.match(notices.notice(status({ nextUpdateDueAt: new Date(next).toISOString() }), next + 2 * minute) ?? '', /2 min late \(due 15:00 UTC\)/);
    assert.match(notices.notice(status({ id: 'INC-20261114-1405' }), due + minute) ?? '', /INC-20261114-1405/);
  });

  it('says nothing for a resolved incident or one without an update cadence', () => {
    const notices = new LateUpdateNotices();
    assert.equal(notices.notice(status({ status: 'resolved' }), due + 9 * minute), undefined);
    const { nextUpdateDueAt: _, ...noCadence } = status();
    assert.equal(notices.notice(noCadence, due + 9 * minute), undefined);
  });
});
