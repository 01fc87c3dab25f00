import assert from 'node:assert/strict';
import {
  changeSeverity,
  DEFAULT_SEVERITIES,
  incidentStatus,
  loadIncident,
  recordEvent,
  resolveIncident,
  resolveSeverity,
  responseDueAt,
  severityLevels,
  startIncident,
} from '../../src/incident/index.ts';
import { MemoryIncidentStore } from './fixtures/memory-incident-store.ts';

const start = new Date('2026-11-13T14:00:00.000Z'); // a Friday
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe('severity levels and incident status', () => {
  it("defaults to the user's runbook: P0 15 min, P1 1 h, P2 4 h, P3 next business day", () => {
    assert.deepEqual(
      DEFAULT_SEVERITIES.map((level) => [level.id, level.label, level.responseMinutes, level.updateEveryMinutes]),
      [
        ['P0', 'Critical', 15, 15],
        ['P1', 'High', 60, 30],
        ['P2', 'Medium', 240, 30],
        ['P3', 'Low', undefined, undefined],
      ],
    );
  });

  it("prefers the runbook's own levels", () => {
    const runbook = { meta: { variables: {}, raw: {}, severities: [{ id: 'SEV1', label: 'Major', responseMinutes: 5, updateEveryMinutes: 10 }] } };
    assert.deepEqual(
      severityLevels(runbook).map((level) => level.id),
      ['SEV1'],
    );
    assert.equal(resolveSeverity('major', severityLevels(runbook)).id, 'SEV1');
    assert.throws(() => resolveSeverity('P1', severityLevels(runbook)), /severity 'P1' is not one of SEV1/);
  });

  it('accepts ids and labels in any case, and names a bad value', () => {
    assert.equal(resolveSeverity('p0').id, 'P0');
    assert.equal(resolveSeverity('critical').id, 'P0');
    assert.throws(() => resolveSeverity(''), /severity '' must be one of P0, P1, P2, P3/);
    assert.throws(() => resolveSeverity(1), /severity 1 must be one of/);
  });

  it('puts "next business day" at 09:00 UTC on the next weekday', () => {
    const p3 = resolveSeverity('P3');
    assert.equal(responseDueAt(p3, start).toISOString(), '2026-11-16T09:00:00.000Z', 'Friday → Monday');
    assert.equal(responseDueAt(p3, new Date('2026-11-16T03:00:00Z')).toISOString(), '2026-11-17T09:00:00.000Z', 'Monday → Tuesday');
    assert.equal(responseDueAt(p3, new Date('2026-11-14T12:00:00Z')).toISOString(), '2026-11-16T09:00:00.000Z', 'Saturday → Monday');
  });

  it('knows elapsed time, response due and overdue, and the next status update', async () => {
    const store = new MemoryIncidentStore();
    const state = await startIncident({ store, severity: 'P0', title: 'outage', now: start, who: 'ana' });
    const fresh = incidentStatus(state, at(10));
    assert.equal(fresh.elapsedMs, 10 * 60_000);
    assert.equal(fresh.responseDueAt, at(15).toISOString());
    assert.equal(fresh.responseOverdue, false);
    assert.equal(fresh.nextUpdateDueAt, at(15).toISOString());
    const late = incidentStatus(state, at(16));
    assert.deepEqual([late.responseOverdue, late.updateOverdue], [true, true]);

    await recordEvent(state.id, { type: 'acknowledged' }, { store, now: at(20), who: 'ben' });
    await recordEvent(state.id, { type: 'status-update', phase: 'mitigating' }, { store, now: at(22), who: 'ben' });
    const responded = incidentStatus(await loadIncident(state.id, { store }), at(30));
    assert.deepEqual(
      [
        responded.respondedAt,
        responded.responseOverdue,
        responded.responseLate,
        responded.lastUpdateAt,
        responded.nextUpdateDueAt,
        responded.updateOverdue,
        responded.phase,
      ],
      [at(20).toISOString(), false, true, at(22).toISOString(), at(37).toISOString(), false, 'mitigating'],
    );
  });

  it('follows a severity change and stops the clock at resolution', async () => {
    const store = new MemoryIncidentStore();
    const state = await startIncident({ store, severity: 'P2', title: 'slow', now: start, who: 'ana' });
    assert.equal(incidentStatus(state, at(100)).responseOverdue, false);
    const escalated = await changeSeverity(state.id, 'p0', { store, now: at(5), who: 'ana', reason: 'spreading' });
    assert.equal(escalated.severity, 'P0');
    const status = incidentStatus(escalated, at(100));
    assert.deepEqual([status.severity?.id, status.responseDueAt, status.responseLate], ['P0', at(15).toISOString(), false]);
    await assert.rejects(changeSeverity(state.id, 'P9', { store }), /severity 'P9' is not one of P0, P1, P2, P3/);
    const resolved = await resolveIncident(state.id, { store, now: at(45), who: 'ana' });
    const final = incidentStatus(resolved, at(500));
    assert.deepEqual([final.status, final.elapsedMs, final.nextUpdateDueAt, final.updateOverdue], ['resolved', 45 * 60_000, undefined, false]);
  });

  it('a P3 incident asks for no status updates', async () => {
    const state = await startIncident({ store: new MemoryIncidentStore(), severity: 'P3', title: 'typo', now: start, who: 'ana' });
    const status = incidentStatus(state, at(60 * 24 * 4));
    assert.deepEqual([status.updateEveryMinutes, status.nextUpdateDueAt, status.responseOverdue], [undefined, undefined, true]);
  });

  it('rejects an invalid now, naming it', async () => {
    const state = await startIncident({ store: new MemoryIncidentStore(), severity: 'P3', title: 'typo', now: start, who: 'ana' });
    assert.throws(() => incidentStatus(state, new Date(Number.NaN)), /now Invalid Date is not a valid Date/);
  });
});
