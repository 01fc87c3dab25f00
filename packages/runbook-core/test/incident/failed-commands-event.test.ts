import assert from 'node:assert/strict';
import { incidentTimeline, loadIncident, recordEvent, startIncident } from '../../src/incident/index.ts';
import { validateEvent } from '../../src/incident/validate-event.ts';
import { MemoryIncidentStore } from './fixtures/memory-incident-store.ts';

const base = { v: 1, eventId: 'e1', time: '2026-11-14T14:25:00.000Z', who: 'oncall' };
const finished = { ...base, type: 'step-finished', stepId: 'investigate', exitCode: 0, durationMs: 3000, timedOut: false, canceled: false };

describe('journal: failed commands of a finished step', () => {
  it('accepts step-finished with failedCommands, and without', () => {
    assert.equal(validateEvent({ ...finished, failedCommands: [{ number: 4, line: 137, exitCode: 1 }] }).kind, 'event');
    assert.equal(validateEvent(finished).kind, 'event');
  });

  it('rejects malformed failedCommands with the field named', () => {
    for (const failedCommands of [
      [{ number: 0, line: 137, exitCode: 1 }],
      [{ number: 4, exitCode: 1 }],
      [{ number: 4, line: 1.5, exitCode: 1 }],
      'command 4',
      [null],
    ]) {
      const checked = validateEvent({ ...finished, failedCommands });
      assert.equal(checked.kind, 'invalid', JSON.stringify(failedCommands));
      assert.match(checked.kind === 'invalid' ? checked.reason : '', /'step-finished' event: 'failedCommands' must be a list of \{ number, line, exitCode \}/);
    }
  });

  it('shows in the timeline a step whose last command exited 0 as failed, naming the commands and lines', async () => {
    const store = new MemoryIncidentStore();
    const now = new Date('2026-11-14T14:25:00.000Z');
    const state = await startIncident({ store, severity: 'P1', title: 'API 5xx spike', now, who: 'commander' });
    await recordEvent(state.id, { type: 'step-started', stepId: 'investigate', stepName: 'Investigation' }, { store, now, who: 'oncall' });
    const failedCommands = [
      { number: 4, line: 136, exitCode: 1 },
      { number: 7, line: 142, exitCode: 1 },
    ];
    const input = { type: 'step-finished' as const, stepId: 'investigate', exitCode: 0, durationMs: 3000, timedOut: false, canceled: false, failedCommands };
    await recordEvent(state.id, input, { store, now, who: 'oncall' });
    const rows = incidentTimeline(await loadIncident(state.id, { store }));
    const row = rows.find((candidate) => candidate.action.includes('Investigation'));
    assert.equal(row?.event, 'Step failed after 3s: command 4 (line 136) exited 1, command 7 (line 142) exited 1');
  });
});
