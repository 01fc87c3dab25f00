import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { formatMetrics, metricsCsv } from '../../src/cli/format-incident-metrics.ts';
import {
  assignRole,
  cancelIncident,
  changeSeverity,
  incidentMetrics,
  loadIncidents,
  markMilestone,
  recordEvent,
  reportRange,
  resolveIncident,
  startIncident,
} from '../../src/incident/index.ts';
import { MemoryIncidentStore } from './fixtures/memory-incident-store.ts';

const t = (iso: string) => new Date(iso);
const golden = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it (review the diff). A missing file fails. */
function assertGolden(name: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(name), actual);
  assert.equal(actual, readFileSync(golden(name), 'utf8'), `golden ${name}`);
}

/** November 2026: two real incidents, a drill, a duplicate, a cancelled one, one from October. */
async function november(): Promise<MemoryIncidentStore> {
  const store = new MemoryIncidentStore();
  const who = 'dana';
  const db = await startIncident({ store, severity: 'P1', title: 'Database connections exhausted', now: t('2026-11-03T14:10:00Z'), who });
  await markMilestone(db.id, 'impact-started', { store, at: t('2026-11-03T13:52:00Z'), now: t('2026-11-03T14:11:00Z'), who });
  await markMilestone(db.id, 'detected', { store, at: t('2026-11-03T14:02:00Z'), now: t('2026-11-03T14:11:00Z'), who });
  await assignRole(db.id, 'commander', 'Dana Lee', { store, now: t('2026-11-03T14:12:00Z'), who });
  await recordEvent(db.id, { type: 'acknowledged' }, { store, now: t('2026-11-03T14:12:00Z'), who });
  await markMilestone(db.id, 'mitigated', { store, at: t('2026-11-03T14:40:00Z'), now: t('2026-11-03T14:41:00Z'), who });
  await changeSeverity(db.id, 'P1', { store, now: t('2026-11-03T14:42:00Z'), who });
  await resolveIncident(db.id, {
    store,
    now: t('2026-11-03T15:30:00Z'),
    who,
    summary: 'pool raised',
    causeCategory: 'Capacity',
    customerImpact: 'checkout failed for 48 minutes',
  });

  const api = await startIncident({ store, severity: 'P0', title: 'API down', now: t('2026-11-17T02:00:00Z'), detectedAt: t('2026-11-17T01:55:00Z'), who });
  // First response 25 minutes in: P0's response time is 15.
  await recordEvent(api.id, { type: 'note', text: 'paged the database team' }, { store, now: t('2026-11-17T02:25:00Z'), who });
  await markMilestone(api.id, 'mitigated', { store, now: t('2026-11-17T02:45:00Z'), who });
  await resolveIncident(api.id, { store, now: t('2026-11-17T03:25:00Z'), who, causeCategory: 'deployment' });

  await startIncident({ store, severity: 'P2', title: 'Game day', now: t('2026-11-10T10:00:00Z'), drill: true, who });
  await startIncident({ store, severity: 'P1', title: 'Same alert again', now: t('2026-11-03T14:20:00Z'), duplicateOf: db.id, who });
  const noise = await startIncident({ store, severity: 'P3', title: 'Flapping monitor', now: t('2026-11-20T08:00:00Z'), who });
  await cancelIncident(noise.id, 'false alarm', { store, now: t('2026-11-20T08:05:00Z'), who });
  const open = await startIncident({ store, severity: 'P2', title: 'Slow search', now: t('2026-11-29T09:00:00Z'), who });
  await recordEvent(open.id, { type: 'acknowledged' }, { store, now: t('2026-11-29T09:30:00Z'), who });
  await startIncident({ store, severity: 'P1', title: 'October', now: t('2026-10-31T23:00:00Z'), who });
  return store;
}

describe('incident report: the metrics people use', () => {
  it("matches the golden text and CSV for a month's incidents", async () => {
    const metrics = incidentMetrics(await loadIncidents({ store: await november() }), { month: '2026-11', now: t('2026-12-01T09:00:00Z') });
    assertGolden('report-2026-11.txt', formatMetrics(metrics));
    assertGolden('report-2026-11.csv', metricsCsv(metrics));
  });

  it('measures from impact start, leaves drills, duplicates and cancelled out and names them', async () => {
    const metrics = incidentMetrics(await loadIncidents({ store: await november() }), { month: '2026-11', now: t('2026-12-01T09:00:00Z') });
    assert.equal(metrics.total, 3);
    assert.deepEqual(metrics.excluded, {
      drills: ['INC-20261110-1000'],
      duplicates: ['INC-20261103-1420'],
      cancelled: ['INC-20261120-0800'],
    });
    // DB: impact 13:52 → detected 14:02 (10), ack 14:12 (10), mitigated 14:40 (48), resolved 15:30 (98).
    // API: impact = detection 01:55 (no mark), first response 02:25 (30), mitigated 02:45 (50), resolved 03:25 (90).
    assert.deepEqual(metrics.mttd, { meanMinutes: 10, samples: 1 });
    assert.deepEqual(metrics.mtta, { meanMinutes: 23.33, samples: 3 }); // (10 + 30 + 30) / 3, two decimals
    assert.deepEqual(metrics.mttm, { meanMinutes: 49, samples: 2 });
    assert.deepEqual(metrics.mttr, { meanMinutes: 94, samples: 2 });
    assert.deepEqual(metrics.byCauseCategory, { capacity: 1, deployment: 1 });
    assert.deepEqual(metrics.customerImpact, { incidents: 1, ids: ['INC-20261103-1410'] });
    assert.deepEqual(metrics.slaBreaches.ids, ['INC-20261117-0200']);
    assert.deepEqual(metrics.bySeverity, { P0: 1, P1: 1, P2: 1, P3: 0 });
  });

  it('takes a day range, inclusive of the last day, and defaults to the current month', async () => {
    const states = await loadIncidents({ store: await november() });
    const range = incidentMetrics(states, { from: '2026-10-31', to: '2026-11-03', now: t('2026-12-01T09:00:00Z') });
    assert.deepEqual(
      range.incidents.map((incident) => incident.title),
      ['October', 'Database connections exhausted', 'Same alert again'],
    );
    assert.equal(range.month, undefined);
    assert.equal(range.to, '2026-11-04T00:00:00.000Z');
    assert.deepEqual(reportRange({ now: t('2026-11-15T12:00:00Z') }), reportRange({ month: '2026-11' }));
    assert.throws(() => reportRange({ from: '2026-11-31' }), /from '2026-11-31' must be a day/);
    assert.throws(() => reportRange({ from: '2026-11-05', to: '2026-11-01' }), /is before from/);
    assert.throws(() => reportRange({ month: '2026-11', from: '2026-11-01' }), /cannot be combined/);
  });

  it('quotes CSV fields and defuses spreadsheet formulas in titles', async () => {
    const store = new MemoryIncidentStore();
    await startIncident({ store, severity: 'P1', title: '=HYPERLINK("http://x"), "quoted"', now: t('2026-11-02T10:00:00Z'), who: 'x' });
    const csv = metricsCsv(incidentMetrics(await loadIncidents({ store }), { month: '2026-11', now: t('2026-11-02T10:30:00Z') }));
    assert.match(csv, /,"'=HYPERLINK\(""http:\/\/x""\), ""quoted"""\r\n$/);
  });
});
