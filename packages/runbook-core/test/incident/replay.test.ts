import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createJournalEvent,
  loadIncident,
  parseJournal,
  recordEvent,
  replayJournal,
  resolveIncident,
  serializeEvents,
  startIncident,
  type JournalEvent,
  type JournalEventInput,
} from '../../src/incident/index.ts';
import { eventInput, who } from './fixtures/event-arbitraries.ts';
import { MemoryIncidentStore } from './fixtures/memory-incident-store.ts';
import { useTempWorkspace } from './fixtures/temp-workspace.ts';

const start = new Date('2026-11-14T14:23:00.000Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

async function writeAll(location: { store?: MemoryIncidentStore; workspace?: string }, inputs: readonly [JournalEventInput, string][]) {
  const state = await startIncident({ ...location, severity: 'P1', title: 'replay', now: start, who: 'ana' });
  const written: JournalEvent[] = [...state.events];
  for (const [index, [input, person]] of inputs.entries()) {
    written.push(await recordEvent(state.id, input, { ...location, now: at(index + 1), who: person }));
  }
  return { id: state.id, written };
}

describe('incident state as the replay of its journal', () => {
  const workspace = useTempWorkspace();

  it('folds a realistic incident into checklist, steps, notes, phase and resolution', async () => {
    const location = { workspace: workspace.path };
    const state = await startIncident({ ...location, severity: 'P1', title: 'API down', now: start, who: 'ana', detectedAt: at(-3) });
    const record = (minutes: number, input: JournalEventInput, person = 'ana') => recordEvent(state.id, input, { ...location, now: at(minutes), who: person });
    await record(1, { type: 'variable-set', name: 'REGION', secret: false, value: 'eu' });
    await record(2, { type: 'checklist-ticked', itemId: 'ack', text: 'Acknowledge the incident' });
    await record(3, { type: 'checklist-ticked', itemId: 'page', text: 'Page appropriate team members' });
    await record(4, { type: 'checklist-unticked', itemId: 'page', text: 'Page appropriate team members' }, 'ben');
    await record(5, { type: 'step-started', stepId: 'investigate', stepName: 'Technical Investigation Workflow', risk: 'read' });
    await record(6, { type: 'step-finished', stepId: 'investigate', exitCode: 1, durationMs: 61_000, timedOut: false, canceled: false });
    await record(7, { type: 'step-started', stepId: 'mitigate', commands: [0], risk: 'mutate', logFile: 'logs/m.log' });
    await record(8, { type: 'step-finished', stepId: 'mitigate', commands: [0], exitCode: 0, durationMs: 4000, timedOut: false, canceled: false });
    await record(9, { type: 'step-refused', stepId: 'failover', reason: 'not confirmed', risk: 'destroy' });
    await record(10, { type: 'note', text: 'error rate falling' }, 'ben');
    const open = await loadIncident(state.id, location);
    assert.equal(open.phase, 'mitigating');
    assert.equal(open.respondedAt, at(2).toISOString(), 'a variable set by a step is not a response');
    assert.equal(open.detectedAt, at(-3).toISOString());
    assert.deepEqual(
      [...open.checklist].map(([id, item]) => [id, item.checked, item.who]),
      [
        ['ack', true, 'ana'],
        ['page', false, 'ben'],
      ],
    );
    assert.deepEqual(
      [...open.steps].map(([id, step]) => [id, step.status, step.exitCode, step.startedAt, step.logFile]),
      [
        ['investigate', 'failed', 1, at(5).toISOString(), undefined],
        ['mitigate', 'succeeded', 0, at(7).toISOString(), 'logs/m.log'],
        ['failover', 'refused', undefined, undefined, undefined],
      ],
    );
    assert.equal(open.steps.get('investigate')?.name, 'Technical Investigation Workflow');
    assert.deepEqual(open.notes, [{ text: 'error rate falling', who: 'ben', time: at(10).toISOString() }]);

    const resolved = await resolveIncident(state.id, { ...location, summary: 'rolled back', now: at(30), who: 'ana' });
    assert.deepEqual(
      [resolved.status, resolved.phase, resolved.resolution, resolved.resolvedAt],
      ['resolved', 'resolved', 'rolled back', at(30).toISOString()],
    );
    await record(31, { type: 'reopened', reason: 'errors again' });
    const reopened = await loadIncident(state.id, location);
    assert.deepEqual([reopened.status, reopened.phase, reopened.resolvedAt], ['open', 'mitigating', undefined]);
  });

  it('a journal without its start still loads, saying what is missing', () => {
    const note = createJournalEvent({ type: 'note', text: 'orphan' }, { now: start, who: 'ana' });
    const state = replayJournal({ id: 'INC-1', ...parseJournal(`{"v":1,"type":"sta\n${serializeEvents([note])}`) });
    assert.equal(state.startedAt, undefined);
    assert.equal(state.notes.length, 1);
    assert.deepEqual(
      state.messages.map((message) => message.ruleId),
      ['journal-invalid-json', 'journal-missing-start'],
    );
  });

  it('any sequence of events, written then loaded, replays to the same state (memory store)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(eventInput, who), { maxLength: 25 }), async (inputs) => {
        const store = new MemoryIncidentStore();
        const { id, written } = await writeAll({ store }, inputs);
        const loaded = await loadIncident(id, { store });
        assert.deepEqual(loaded, replayJournal({ id, events: written }));
        assert.deepEqual(loaded.messages, []);
      }),
      { numRuns: 200 },
    );
  });

  it('the same holds through real files', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(eventInput, who), { maxLength: 12 }), async (inputs) => {
        const location = { workspace: `${workspace.path}/round-${round++}` };
        const { id, written } = await writeAll(location, inputs);
        assert.deepEqual(await loadIncident(id, location), replayJournal({ id, events: written }));
      }),
      { numRuns: 15 },
    );
  });

  it('any garbage loads without throwing, and garbage lines never cost a good event', () => {
    const good = fc.tuple(eventInput, who).map(([input, person]) => createJournalEvent(input, { now: start, who: person }));
    const garbage = fc.oneof(
      fc.string({ unit: 'binary' }).map((text) => text.replaceAll('\n', ' ')),
      fc.json().map((json) => json.replaceAll('\n', ' ')),
      fc.constantFrom(
        '{"v":1',
        '{"v":1,"type":"note"}',
        '{}',
        'null',
        '[]',
        '{"v":0,"type":"note","eventId":"a","time":"2026-01-01T00:00:00Z","who":"x","text":"t"}',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            good.map((event) => ({ event })),
            garbage.map((line) => ({ line })),
          ),
          { maxLength: 30 },
        ),
        fc.string({ unit: 'binary' }),
        (lines, tail) => {
          const text = lines.map((entry) => ('event' in entry ? serializeEvents([entry.event]) : `${entry.line}\n`)).join('') + tail;
          const parsed = parseJournal(text);
          const expected = lines.flatMap((entry) => ('event' in entry ? [entry.event] : []));
          assert.deepEqual(parsed.events.slice(0, expected.length), expected);
          replayJournal({ id: 'INC-x', ...parsed });
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        replayJournal({ id: 'INC-x', ...parseJournal(text) });
      }),
      { numRuns: 500 },
    );
  });
});
