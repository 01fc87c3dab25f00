import assert from 'node:assert/strict';
import { incidentTimeline, loadIncident, recordEvent, startIncident } from '../../src/incident/index.ts';
import { MemoryIncidentStore } from './fixtures/memory-incident-store.ts';

const start = new Date('2026-11-14T14:25:00.000Z');

async function finishedWith(fields: { logIncomplete?: string; logTruncatedAt?: number }) {
  const store = new MemoryIncidentStore();
  const state = await startIncident({ store, severity: 'P2', title: 'Disk full', now: start, who: 'oncall' });
  const step = { stepId: 'dump', stepName: 'Dump the logs' };
  await recordEvent(state.id, { type: 'step-started', ...step }, { store, now: start, who: 'oncall' });
  await recordEvent(
    state.id,
    { type: 'step-finished', ...step, exitCode: 0, durationMs: 3000, timedOut: false, canceled: false, ...fields },
    { store, now: new Date(start.getTime() + 3000), who: 'oncall' },
  );
  return loadIncident(state.id, { store });
}

describe('a step whose log is cut', () => {
  it('is failed, not succeeded, when its log could not be written in full, though the script exited 0', async () => {
    const state = await finishedWith({ logIncomplete: 'ENOSPC: no space left on device' });
    assert.equal(state.steps.get('dump')?.status, 'failed');
    const row = incidentTimeline(state).find((entry) => entry.source === 'step-finished');
    assert.equal(row?.event, 'Step failed after 3s (log incomplete: ENOSPC: no space left on device)');
  });

  it('stays succeeded when its log was only truncated at the limit, and the timeline says so', async () => {
    const state = await finishedWith({ logTruncatedAt: 1024 });
    assert.equal(state.steps.get('dump')?.status, 'succeeded');
    const row = incidentTimeline(state).find((entry) => entry.source === 'step-finished');
    assert.equal(row?.event, 'Step succeeded in 3s (log truncated at 1024 bytes)');
  });
});
