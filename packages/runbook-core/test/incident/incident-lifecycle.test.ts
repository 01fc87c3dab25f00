import assert from 'node:assert/strict';
import {
  assignRole,
  cancelIncident,
  canonicalRole,
  changeSeverity,
  loadIncident,
  markMilestone,
  reopenIncident,
  resolveIncident,
  startIncident,
} from '../../src/incident/index.ts';
import { MemoryIncidentStore } from './fixtures/memory-incident-store.ts';

const t = (iso: string) => new Date(iso);

describe('incident lifecycle in the journal', () => {
  it('keeps roles as role → person after hand-overs, with the history and who recorded each', async () => {
    const store = new MemoryIncidentStore();
    const { id } = await startIncident({ store, severity: 'P1', title: 'x', now: t('2026-11-02T10:00:00Z'), who: 'a' });
    await assignRole(id, 'Incident Commander', 'Dana', { store, now: t('2026-11-02T10:01:00Z'), who: 'a' });
    await assignRole(id, 'tech lead', 'Ravi', { store, now: t('2026-11-02T10:02:00Z'), who: 'a' });
    const same = await assignRole(id, 'IC', 'Dana', { store, now: t('2026-11-02T10:03:00Z'), who: 'a' });
    assert.equal(same.changed, false);
    await assignRole(id, 'commander', 'Lee\n', { store, now: t('2026-11-02T10:04:00Z'), who: 'dana' });
    const state = await loadIncident(id, { store });
    assert.deepEqual(state.roles, { commander: 'Lee', lead: 'Ravi' });
    assert.deepEqual(
      state.roleHistory.map(({ role, person, previous, who }) => [role, person, previous, who]),
      [
        ['commander', 'Dana', undefined, 'a'],
        ['lead', 'Ravi', undefined, 'a'],
        ['commander', 'Lee', 'Dana', 'dana'],
      ],
    );
  });

  it('refuses role names that are not words (control characters, markup) and empty people', async () => {
    for (const hostile of ['\u001b[31mIC', 'lead; rm -rf /', '', '<b>x</b>', 'a'.repeat(41)]) {
      assert.throws(() => canonicalRole(hostile), /role .* must be a word/, JSON.stringify(hostile));
    }
    const store = new MemoryIncidentStore();
    const { id } = await startIncident({ store, severity: 'P1', title: 'x', who: 'a' });
    await assert.rejects(assignRole(id, 'commander', '  \n ', { store, who: 'a' }), /person .* is empty/);
  });

  it('the latest mark of a moment wins; a resolution time counts only while resolved; reopen clears cancel and resolution', async () => {
    const store = new MemoryIncidentStore();
    const { id } = await startIncident({ store, severity: 'P2', title: 'x', now: t('2026-11-02T10:00:00Z'), who: 'a' });
    const now = t('2026-11-02T12:00:00Z');
    await markMilestone(id, 'detected', { store, at: t('2026-11-02T09:40:00Z'), now, who: 'a' });
    await markMilestone(id, 'detected', { store, at: t('2026-11-02T09:45:00Z'), now, who: 'a' });
    await markMilestone(id, 'mitigated', { store, at: t('2026-11-02T10:30:00Z'), now, who: 'a' });
    await resolveIncident(id, { store, now, who: 'a', causeCategory: 'Capacity Planning' });
    await markMilestone(id, 'resolved', { store, at: t('2026-11-02T11:00:00Z'), now, who: 'a' });
    let state = await loadIncident(id, { store });
    assert.deepEqual(
      [state.detectedAt, state.mitigatedAt, state.resolvedAt, state.causeCategory],
      ['2026-11-02T09:45:00.000Z', '2026-11-02T10:30:00.000Z', '2026-11-02T11:00:00.000Z', 'capacity-planning'],
    );
    await assert.rejects(changeSeverity(id, 'P1', { store, who: 'a' }), /is resolved; reopen it/);
    await assert.rejects(resolveIncident(id, { store, who: 'a' }), /is already resolved/);
    await reopenIncident(id, { store, who: 'a', now: t('2026-11-02T12:10:00Z') });
    state = await loadIncident(id, { store });
    assert.equal(state.status, 'open');
    assert.equal(state.resolvedAt, undefined);
    await cancelIncident(id, 'false alarm', { store, who: 'a', now: t('2026-11-02T12:20:00Z') });
    state = await loadIncident(id, { store });
    assert.deepEqual([state.status, state.cancelled?.reason, state.resolvedAt], ['resolved', 'false alarm', undefined]);
    await assert.rejects(markMilestone(id, 'resolved', { store, who: 'a' }), /was cancelled, not resolved/);
    await reopenIncident(id, { store, who: 'a' });
    assert.equal((await loadIncident(id, { store })).cancelled, undefined);
  });

  it('records nothing for a severity that does not change', async () => {
    const store = new MemoryIncidentStore();
    const { id } = await startIncident({ store, severity: 'P0', title: 'x', who: 'a' });
    const before = store.journals.get(id);
    const after = await changeSeverity(id, 'critical', { store, who: 'a' });
    assert.equal(after.severity, 'P0');
    assert.equal(store.journals.get(id), before);
  });
});
