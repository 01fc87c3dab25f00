import assert from 'node:assert/strict';
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import {
  createJournalEvent,
  FileIncidentStore,
  IncidentInputError,
  loadIncident,
  parseJournal,
  recordEvent,
  serializeEvents,
  startIncident,
  stepLogFileName,
} from '../../src/incident/index.ts';
import { useTempWorkspace } from './fixtures/temp-workspace.ts';

const now = new Date('2026-11-14T14:23:00.000Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('incident journal', () => {
  const workspace = useTempWorkspace();

  it('writes one JSON line per event under .runbook/incidents/<id>/journal.jsonl', async () => {
    const state = await startIncident({ workspace: workspace.path, severity: 'P1', title: 'API down', now, who: 'ana' });
    await recordEvent(state.id, { type: 'note', text: 'line one\nline two' }, { workspace: workspace.path, now: later(1), who: 'ben' });
    const store = new FileIncidentStore(workspace.path);
    const text = await readFile(store.journalPath(state.id), 'utf8');
    const lines = text.split('\n');
    assert.equal(lines.length, 3);
    assert.equal(lines[2], '');
    const [started, note] = lines.slice(0, 2).map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      { type: started?.type, v: started?.v, time: started?.time, who: started?.who, severity: started?.severity },
      { type: 'started', v: 1, time: '2026-11-14T14:23:00.000Z', who: 'ana', severity: 'P1' },
    );
    assert.equal(note?.text, 'line one\nline two');
    assert.match(String(note?.eventId), /^[0-9a-f]{12}$/);
    assert.equal(await store.current(), state.id);
  });

  it('reports a torn last line with its line number, skips it, and keeps every complete event', async () => {
    const state = await startIncident({ workspace: workspace.path, severity: 'P2', title: 'slow', now, who: 'ana' });
    await recordEvent(state.id, { type: 'note', text: 'complete' }, { workspace: workspace.path, now: later(1), who: 'ana' });
    const path = new FileIncidentStore(workspace.path).journalPath(state.id);
    await appendFile(path, '{"v":1,"type":"note","text":"half');
    const before = await readFile(path, 'utf8');
    const loaded = await loadIncident(state.id, { workspace: workspace.path });
    assert.deepEqual(
      loaded.notes.map((note) => note.text),
      ['complete'],
    );
    assert.deepEqual(
      loaded.messages.map((message) => [message.ruleId, message.position.start.line]),
      [['journal-torn-line', 3]],
    );
    assert.equal(await readFile(path, 'utf8'), before, 'reading never rewrites the journal');
  });

  it('starts a new line when appending after a torn tail, so later events stay readable', async () => {
    const state = await startIncident({ workspace: workspace.path, severity: 'P2', title: 'slow', now, who: 'ana' });
    const path = new FileIncidentStore(workspace.path).journalPath(state.id);
    await appendFile(path, '{"v":1,"type":"no');
    await recordEvent(state.id, { type: 'note', text: 'after the tear' }, { workspace: workspace.path, now: later(2), who: 'ana' });
    await recordEvent(state.id, { type: 'acknowledged' }, { workspace: workspace.path, now: later(3), who: 'ana' });
    const loaded = await loadIncident(state.id, { workspace: workspace.path });
    assert.deepEqual(
      loaded.events.map((event) => event.type),
      ['started', 'note', 'acknowledged'],
    );
    assert.deepEqual(
      loaded.messages.map((message) => [message.ruleId, message.position.start.line]),
      [['journal-invalid-json', 2]],
    );
  });

  it('reports corrupt lines in the middle and loses no other event', () => {
    const good = (text: string) => serializeEvents([createJournalEvent({ type: 'note', text }, { now, who: 'ana' })]);
    const text = `${good('a')}not json\n${good('b')}[1,2]\n{"v":1,"type":"note","eventId":"e","time":"yesterday","who":"x","text":"t"}\n\n${good('c')}`;
    const parsed = parseJournal(text);
    assert.deepEqual(
      parsed.events.map((event) => (event.type === 'note' ? event.text : event.type)),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(
      parsed.messages.map((message) => [message.ruleId, message.position.start.line, message.severity]),
      [
        ['journal-invalid-json', 2, 'error'],
        ['journal-invalid-event', 4, 'error'],
        ['journal-invalid-event', 5, 'error'],
      ],
    );
    assert.match(parsed.messages[2]?.reason ?? '', /line 5: 'time' must be an ISO-8601 UTC time/);
    assert.equal(parsed.messages[1]?.position.start.offset, text.indexOf('[1,2]'));
  });

  it('keeps events of unknown types aside, without replaying them', async () => {
    const state = await startIncident({ workspace: workspace.path, severity: 'P3', title: 'docs', now, who: 'ana' });
    const path = new FileIncidentStore(workspace.path).journalPath(state.id);
    await appendFile(path, '{"v":2,"type":"pager-escalated","eventId":"abc","time":"2026-11-14T14:30:00.000Z","who":"bot","to":"cto"}\n');
    const loaded = await loadIncident(state.id, { workspace: workspace.path });
    assert.equal(loaded.events.length, 1);
    assert.deepEqual(
      loaded.foreignEvents.map((event) => [event.type, event.line, event.data.to]),
      [['pager-escalated', 2, 'cto']],
    );
    assert.deepEqual(
      loaded.messages.map((message) => message.ruleId),
      // Written by hand after chained lines: flagged, and read anyway.
      ['journal-unchained-line', 'journal-newer-schema', 'journal-unknown-event'],
    );
  });

  it('never writes a secret value: the event is refused before it reaches the disk', async () => {
    const state = await startIncident({ workspace: workspace.path, severity: 'P1', title: 'x', now, who: 'ana' });
    const path = new FileIncidentStore(workspace.path).journalPath(state.id);
    const size = (await stat(path)).size;
    await assert.rejects(
      recordEvent(state.id, { type: 'variable-set', name: 'API_TOKEN', secret: true, value: 'hunter2' }, { workspace: workspace.path }),
      (error: unknown) => error instanceof IncidentInputError && /secret 'API_TOKEN' carries a value/.test(error.message),
    );
    assert.equal((await stat(path)).size, size);
    await recordEvent(state.id, { type: 'variable-set', name: 'API_TOKEN', secret: true }, { workspace: workspace.path, who: 'ana' });
    await recordEvent(state.id, { type: 'variable-set', name: 'REGION', secret: false, value: 'eu-west-1' }, { workspace: workspace.path, who: 'ana' });
    const loaded = await loadIncident(state.id, { workspace: workspace.path });
    assert.deepEqual(
      [...loaded.variables].map(([name, variable]) => [name, variable.secret, variable.value]),
      [
        ['API_TOKEN', true, undefined],
        ['REGION', false, 'eu-west-1'],
      ],
    );
    assert.equal((await readFile(path, 'utf8')).includes('hunter2'), false);
  });

  it('rejects events that break the schema, naming the problem', () => {
    assert.throws(
      () => createJournalEvent({ type: 'step-finished', stepId: 's', durationMs: -1, timedOut: false, canceled: false }, { now }),
      /'durationMs' must be a number of milliseconds/,
    );
    assert.throws(() => createJournalEvent({ type: 'note', text: 'x' }, { now, who: ' \n ' }), /who ' \\n ' is empty/);
    assert.throws(() => createJournalEvent({ type: 'note', text: 'x' }, { now: new Date('nope') }), /now Invalid Date is not a valid Date/);
  });

  it('refuses to append to an incident that does not exist', async () => {
    await assert.rejects(
      recordEvent('INC-20990101-0000', { type: 'note', text: 'x' }, { workspace: workspace.path }),
      /incident 'INC-20990101-0000' does not exist/,
    );
    await assert.rejects(loadIncident('INC-20990101-0000', { workspace: workspace.path }), /does not exist/);
  });

  it('reads a journal written with Windows line endings', async () => {
    const state = await startIncident({ workspace: workspace.path, severity: 'P1', title: 'crlf', now, who: 'ana' });
    const store = new FileIncidentStore(workspace.path);
    const text = await readFile(store.journalPath(state.id), 'utf8');
    await writeFile(store.journalPath(state.id), text.replaceAll('\n', '\r\n'));
    const loaded = await loadIncident(state.id, { workspace: workspace.path });
    assert.equal(loaded.title, 'crlf');
    assert.deepEqual(loaded.messages, []);
  });

  it('gives each run a log file in the incident folder, with a file-safe name', async () => {
    const state = await startIncident({ workspace: workspace.path, severity: 'P1', title: 'logs', now, who: 'ana' });
    const name = stepLogFileName('on-call-rotation/14ef99f5', new Date('2026-11-14T14:23:01.123Z'));
    assert.equal(name, '20261114T142301.123Z-on-call-rotation_14ef99f5.log');
    assert.equal(stepLogFileName('../../etc/passwd', now), '20261114T142300.000Z-etc_passwd.log');
    const store = new FileIncidentStore(workspace.path);
    const path = await store.logPath(state.id, name);
    assert.equal(path, `${store.incidentDir(state.id)}/logs/${name}`);
    assert.equal((await stat(`${store.incidentDir(state.id)}/logs`)).isDirectory(), true);
    await assert.rejects(store.logPath(state.id, '../journal.jsonl'), /log file name '\.\.\/journal\.jsonl' may contain only/);
    await assert.rejects(store.logPath('INC-20990101-0000', name), /does not exist/);
  });
});
