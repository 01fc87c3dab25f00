import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { open, readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FileIncidentStore, loadIncident, recordEvent, startIncident } from '../../src/incident/index.ts';
import { useTempWorkspace } from './fixtures/temp-workspace.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Runs a fixture as a real Node process with TypeScript support; resolves to its stdout. */
function runFixture(name: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture(name), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${name} exited with ${String(code)}`))));
  });
}

describe('incident journal across real processes', () => {
  const workspace = useTempWorkspace();

  it('two processes appending 500 events each lose none and interleave whole lines', async () => {
    const state = await startIncident({ workspace: workspace.path, severity: 'P1', title: 'race', who: 'ana' });
    await Promise.all([
      runFixture('journal-writer.ts', [workspace.path, state.id, '500', '200', 'alpha']),
      runFixture('journal-writer.ts', [workspace.path, state.id, '500', '200', 'beta']),
    ]);
    const loaded = await loadIncident(state.id, { workspace: workspace.path });
    assert.deepEqual(loaded.messages, []);
    assert.equal(loaded.events.length, 1001);
    for (const writer of ['alpha', 'beta']) {
      const texts = loaded.notes.filter((note) => note.who === writer).map((note) => note.text.split(' ')[1]);
      assert.deepEqual(
        texts,
        Array.from({ length: 500 }, (_, index) => String(index)),
        `${writer}'s events, all present and in its order`,
      );
    }
    const text = await readFile(new FileIncidentStore(workspace.path).journalPath(state.id), 'utf8');
    assert.ok(text.endsWith('\n'));
    // An appender racing another's write may add an empty line (see appendJournalFile); never half a line.
    const lines = text.split('\n').filter((line) => line !== '');
    assert.equal(lines.length, 1001);
    for (const line of lines) JSON.parse(line);
  });

  it('a writer killed with SIGKILL mid-stream leaves a journal that loads, tail reported, and appends continue', async () => {
    const state = await startIncident({ workspace: workspace.path, severity: 'P0', title: 'kill', who: 'ana' });
    const path = new FileIncidentStore(workspace.path).journalPath(state.id);
    const eventBytes = 4 * 1024 * 1024;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fixture('journal-writer.ts'), workspace.path, state.id, 'forever', String(eventBytes), 'doomed'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    while ((await stat(path)).size < 4 * eventBytes) await new Promise((resolve) => setTimeout(resolve, 5));
    // Aim for the middle of a write (the tail is not a newline yet), so the kill most likely tears a line.
    for (let polls = 0; polls < 10_000 && !(await endsMidLine(path)); polls++);
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');

    const text = await readFile(path, 'utf8');
    const completeLines = text.split('\n').slice(0, -1);
    const tail = text.split('\n').at(-1) ?? '';
    const loaded = await loadIncident(state.id, { workspace: workspace.path });
    assert.equal(loaded.events.length, completeLines.length, 'every complete line is an event');
    assert.ok(loaded.notes.length >= 3);
    assert.deepEqual(
      loaded.messages.map((message) => [message.ruleId, message.position.start.line]),
      tail === '' ? [] : [['journal-torn-line', completeLines.length + 1]],
    );

    await recordEvent(state.id, { type: 'note', text: 'after the kill' }, { workspace: workspace.path, who: 'ana' });
    const after = await loadIncident(state.id, { workspace: workspace.path });
    assert.equal(after.notes.at(-1)?.text, 'after the kill');
    assert.equal(after.events.length, loaded.events.length + 1);
  });

  it('two processes starting an incident in the same minute get different ids', async () => {
    const time = '2026-11-14T14:23:30.000Z';
    const ids = await Promise.all([0, 1, 2].map(() => runFixture('incident-starter.ts', [workspace.path, time])));
    assert.deepEqual(ids.map((id) => id.trim()).sort(), ['INC-20261114-1423', 'INC-20261114-1423-2', 'INC-20261114-1423-3']);
  });
});

async function endsMidLine(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}
