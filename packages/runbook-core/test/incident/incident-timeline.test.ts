import assert from 'node:assert/strict';
import {
  formatTimelineTable,
  incidentTimeline,
  loadIncident,
  recordEvent,
  resolveIncident,
  startIncident,
  type JournalEventInput,
} from '../../src/incident/index.ts';
import { MemoryIncidentStore } from './fixtures/memory-incident-store.ts';

const start = new Date('2026-11-14T14:25:00.000Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

async function incidentWith(events: [number, JournalEventInput, string][], startAt = start) {
  const store = new MemoryIncidentStore();
  const state = await startIncident({ store, severity: 'P1', title: 'API 5xx spike', now: startAt, who: 'commander', detectedAt: at(-2) });
  for (const [minutes, input, who] of events) await recordEvent(state.id, input, { store, now: at(minutes), who });
  return { store, id: state.id };
}

describe('post-incident review timeline', () => {
  it("renders the review template's table, one row per meaningful event, in time order", async () => {
    const { store, id } = await incidentWith([
      [1, { type: 'checklist-ticked', itemId: 'ack', text: 'Acknowledge the incident' }, 'oncall'],
      [2, { type: 'variable-set', name: 'REGION', secret: false, value: 'eu' }, 'oncall'],
      [5, { type: 'step-started', stepId: 'mitigate', stepName: 'Immediate Mitigation Options', commands: [0], risk: 'mutate' }, 'tech-lead'],
      [6, { type: 'step-finished', stepId: 'mitigate', commands: [0], exitCode: 0, durationMs: 42_000, timedOut: false, canceled: false }, 'tech-lead'],
      [7, { type: 'step-refused', stepId: 'dr', stepName: 'DR Activation Procedure', reason: 'not confirmed' }, 'tech-lead'],
      [8, { type: 'severity-changed', from: 'P1', to: 'P0', reason: 'all regions | affected' }, 'commander'],
      [10, { type: 'note', text: 'Error rate\nback to normal' }, 'Carla Díaz'],
    ]);
    await resolveIncident(id, { store, now: at(20), who: 'team', summary: 'Service restored' });
    const table = formatTimelineTable(incidentTimeline(await loadIncident(id, { store })));
    assert.equal(
      table,
      [
        '| Time (UTC) | Event | Action Taken | Team Member |',
        '|------------|-------|--------------|-------------|',
        '| 14:23 | Problem detected | Detection time recorded | @commander |',
        '| 14:25 | API 5xx spike | Incident declared (P1 High) | @commander |',
        '| 14:26 | Checklist item done | Acknowledge the incident | @oncall |',
        '| 14:30 | Step succeeded in 42s | Ran "Immediate Mitigation Options" (command 1) | @tech-lead |',
        '| 14:32 | Step not run: not confirmed | Declined "DR Activation Procedure" | @tech-lead |',
        '| 14:33 | Severity P1 → P0 Critical | all regions \\| affected | @commander |',
        '| 14:35 | Error rate back to normal | Note | Carla Díaz |',
        '| 14:45 | Incident resolved | Service restored | @team |',
        '',
      ].join('\n'),
    );
  });

  it('says when a step never reported back, and how a failed, timed-out or killed step ended', async () => {
    const { store, id } = await incidentWith([
      [1, { type: 'step-started', stepId: 'a' }, 'x'],
      [2, { type: 'step-started', stepId: 'b' }, 'x'],
      [3, { type: 'step-finished', stepId: 'b', exitCode: 2, durationMs: 1000, timedOut: false, canceled: false }, 'x'],
      [4, { type: 'step-started', stepId: 'c' }, 'x'],
      [5, { type: 'step-finished', stepId: 'c', durationMs: 30_000, timedOut: true, canceled: false, signal: 'SIGTERM' }, 'x'],
      [6, { type: 'step-finished', stepId: 'd', signal: 'SIGKILL', durationMs: 90_000, timedOut: false, canceled: false }, 'x'],
    ]);
    const rows = incidentTimeline(await loadIncident(id, { store })).filter((row) => row.source.startsWith('step'));
    assert.deepEqual(
      rows.map((row) => [row.event, row.action]),
      [
        ['Step started, no result recorded', 'Ran "a"'],
        ['Step failed (exit 2) after 1s', 'Ran "b"'],
        ['Step timed out after 30s', 'Ran "c"'],
        ['Step killed by SIGKILL after 1m', 'Ran "d"'],
      ],
    );
  });

  it('puts the date in front of the time when the incident spans days', async () => {
    const { store, id } = await incidentWith([], new Date('2026-11-14T23:58:00.000Z'));
    await resolveIncident(id, { store, now: new Date('2026-11-15T00:40:00.000Z'), who: 'team' });
    const lines = formatTimelineTable(incidentTimeline(await loadIncident(id, { store }))).split('\n');
    assert.deepEqual(
      lines.slice(2, -1).map((line) => line.split(' | ')[0]),
      ['| 2026-11-14 14:23', '| 2026-11-14 23:58', '| 2026-11-15 00:40'],
    );
  });
});
