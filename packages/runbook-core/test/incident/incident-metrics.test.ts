import assert from 'node:assert/strict';
import { incidentMetrics, loadIncidents, parseMonth, replayJournal, resolveIncident, startIncident } from '../../src/incident/index.ts';
import { MemoryIncidentStore } from './fixtures/memory-incident-store.ts';

const t = (iso: string) => new Date(iso);

describe('monthly incident metrics', () => {
  it('computes MTTD, MTTR, MTBF and counts by severity for one month', async () => {
    const store = new MemoryIncidentStore();
    const first = await startIncident({ store, severity: 'P1', title: 'a', now: t('2026-11-02T10:00:00Z'), detectedAt: t('2026-11-02T09:50:00Z'), who: 'x' });
    await resolveIncident(first.id, { store, now: t('2026-11-02T11:30:00Z'), who: 'x' });
    const second = await startIncident({ store, severity: 'P0', title: 'b', now: t('2026-11-05T10:00:00Z'), detectedAt: t('2026-11-05T09:56:00Z'), who: 'x' });
    await resolveIncident(second.id, { store, now: t('2026-11-05T10:30:00Z'), who: 'x' });
    await startIncident({ store, severity: 'P1', title: 'still open', now: t('2026-11-11T10:00:00Z'), who: 'x' });
    await startIncident({ store, severity: 'P2', title: 'october', now: t('2026-10-31T23:59:00Z'), who: 'x' });
    await startIncident({ store, severity: 'P3', title: 'december', now: t('2026-12-01T00:00:00Z'), who: 'x' });
    store.journals.set('INC-broken', '{"v":1,"ty');

    const metrics = incidentMetrics(await loadIncidents({ store }), { month: '2026-11', now: t('2026-11-30T12:00:00Z') });
    assert.deepEqual(
      { ...metrics, incidents: metrics.incidents.map((incident) => incident.title), definitions: undefined },
      {
        month: '2026-11',
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
        generatedAt: '2026-11-30T12:00:00.000Z',
        total: 3,
        resolved: 2,
        open: 1,
        openIds: ['INC-20261111-1000'],
        bySeverity: { P0: 1, P1: 2, P2: 0, P3: 0 },
        byCauseCategory: { uncategorised: 2 },
        customerImpact: { incidents: 0, ids: [] },
        // No impact-started marks: no MTTD samples; detection → first response (the resolve here), detection → resolution.
        mttd: { meanMinutes: null, samples: 0 },
        mtta: { meanMinutes: (100 + 34) / 2, samples: 2 },
        mttm: { meanMinutes: null, samples: 0 },
        mttr: { meanMinutes: (100 + 34) / 2, samples: 2 },
        // Resolution of one to the impact start of the next: 11-02 11:30 → 11-05 09:56, 11-05 10:30 → 11-11 10:00.
        mtbf: { meanMinutes: (4226 + 8610) / 2, samples: 2 },
        slaBreaches: { count: 3, ids: ['INC-20261102-1000', 'INC-20261105-1000', 'INC-20261111-1000'] },
        excluded: { drills: [], duplicates: [], cancelled: [] },
        incidents: ['a', 'b', 'still open'],
        skipped: [{ id: 'INC-broken', reason: "the journal has no valid 'started' event" }],
        definitions: undefined,
      },
    );
    assert.match(metrics.definitions.mttr, /resolution - impact start/);
    assert.deepEqual(JSON.parse(JSON.stringify(metrics)), metrics, 'plain JSON');
  });

  it('gives null means for an empty month', () => {
    const metrics = incidentMetrics([replayJournal({ id: 'INC-x', events: [] })], { month: '2030-02', now: t('2030-03-01T00:00:00Z') });
    assert.deepEqual(
      [metrics.total, metrics.mttd.meanMinutes, metrics.mttr.meanMinutes, metrics.mtbf.meanMinutes, metrics.bySeverity],
      [0, null, null, null, {}],
    );
  });

  it('rejects a month that is not YYYY-MM, naming it', () => {
    assert.throws(() => parseMonth('2026-13'), /month '2026-13' has no month 13 \(01 to 12\)/);
    assert.throws(() => parseMonth('2026-00'), /has no month 0/);
    assert.throws(() => parseMonth('2026-1'), /month '2026-1' must be YYYY-MM/);
    assert.throws(() => parseMonth('November'), /must be YYYY-MM/);
    assert.throws(() => incidentMetrics([], { month: '2026/11' }), /month '2026\/11' must be YYYY-MM/);
    assert.deepEqual(parseMonth('2026-12').to, t('2027-01-01T00:00:00Z'));
  });
});
