import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { FileIncidentStore, loadIncident, recordEvent, startIncident, verifyJournal } from '../../src/incident/index.ts';
import { genesisHash, lineHash } from '../../src/incident/journal-chain.ts';
import { runCli } from '../cli/cli-harness.ts';
import { useTempWorkspace } from './fixtures/temp-workspace.ts';

describe('incident journal: tamper evidence', () => {
  const workspace = useTempWorkspace();

  /** An incident with three notes; its journal's lines. */
  async function journalWithNotes(): Promise<{ id: string; path: string; lines: string[] }> {
    const state = await startIncident({ workspace: workspace.path, severity: 'P2', title: 'disk', who: 'ana' });
    for (const text of ['one', 'two', 'three']) await recordEvent(state.id, { type: 'note', text }, { workspace: workspace.path, who: 'ana' });
    const path = new FileIncidentStore(workspace.path).journalPath(state.id);
    return { id: state.id, path, lines: (await readFile(path, 'utf8')).trimEnd().split('\n') };
  }

  it("chains every line to the exact bytes of the one before, the first to the incident's genesis", async () => {
    const { id, lines } = await journalWithNotes();
    assert.equal(lines.length, 4);
    const prevs = lines.map((line) => JSON.parse(line).prev);
    assert.deepEqual(prevs, [genesisHash(id), ...lines.slice(0, -1).map((line) => lineHash(Buffer.from(line)))]);
    const result = await verifyJournal(id, { workspace: workspace.path });
    assert.deepEqual([result.intact, result.events, result.messages], [true, 4, []]);
    // The chain is the file's: replayed events do not carry it.
    assert.equal('prev' in ((await loadIncident(id, { workspace: workspace.path })).events[1] ?? {}), false);
  });

  for (const [what, edit, line] of [
    ['an edited note', (lines: string[]) => lines.map((text, index) => (index === 1 ? text.replace('"one"', '"uno"') : text)), 3],
    ['a removed line', (lines: string[]) => lines.filter((_, index) => index !== 2), 3],
    ['two lines swapped', (lines: string[]) => [lines[0], lines[2], lines[1], lines[3]] as string[], 2],
    ['a forged line inserted', (lines: string[]) => [lines[0], lines[1]!.replace('"one"', '"forged"'), ...lines.slice(1)], 3],
  ] as const) {
    it(`verify reports ${what} at the first line that does not fit, exit 1; readers warn and keep reading`, async () => {
      const { id, path, lines } = await journalWithNotes();
      await writeFile(path, `${edit(lines).join('\n')}\n`);
      const result = await verifyJournal(id, { workspace: workspace.path });
      assert.equal(result.intact, false);
      assert.equal(result.firstProblem?.position.start.line, line);
      assert.equal(result.firstProblem?.ruleId, 'journal-chain-broken');

      const cli = await runCli(['incident', 'verify', id], { cwd: workspace.path });
      assert.equal(cli.code, 1);
      assert.match(cli.stdout, new RegExp(`^${id}: journal broken at line ${line}: its 'prev' hash does not match`, 'm'));

      const timeline = await runCli(['incident', 'timeline', '--incident', id], { cwd: workspace.path });
      assert.equal(timeline.code, 0);
      assert.match(timeline.stderr, new RegExp(`warning: ${id} journal line ${line}: its 'prev' hash does not match`));
    });
  }

  it('a corrupt line is a warning for readers and the first problem for verify', async () => {
    const { id, path, lines } = await journalWithNotes();
    await writeFile(path, `${[lines[0], '{"v":1,"type":"no', ...lines.slice(1)].join('\n')}\n`);
    const timeline = await runCli(['incident', 'timeline', '--incident', id], { cwd: workspace.path });
    assert.match(timeline.stderr, /warning: .* journal line 2: not valid JSON; skipped/);
    const verify = await runCli(['incident', 'verify', '--incident', id], { cwd: workspace.path });
    assert.equal(verify.code, 1);
    assert.match(verify.stdout, /journal broken at line 2: not valid JSON/);
  });

  it('an old journal without hashes is unchained, not broken; a new append chains onto it', async () => {
    const { id, path, lines } = await journalWithNotes();
    const old = lines.map((line) => {
      const { prev: _prev, ...event } = JSON.parse(line);
      return JSON.stringify(event);
    });
    await writeFile(path, `${old.join('\n')}\n`);
    const before = await verifyJournal(id, { workspace: workspace.path });
    assert.equal(before.intact, true);
    assert.deepEqual(
      before.messages.map((message) => message.reason),
      ['the first 4 lines are unchained (written by an older version)'],
    );
    await recordEvent(id, { type: 'note', text: 'four' }, { workspace: workspace.path });
    const after = await runCli(['incident', 'verify', id], { cwd: workspace.path });
    assert.equal(after.code, 0, after.stdout);
    assert.match(after.stdout, new RegExp(`${id}: journal intact \\(5 events\\)`));
  });

  it('a lock left by a killed appender does not block the journal', async () => {
    const { id, path } = await journalWithNotes();
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = dead.pid;
    await new Promise((resolve) => dead.on('close', resolve));
    await writeFile(`${path}.lock`, String(pid));
    await recordEvent(id, { type: 'note', text: 'after the crash' }, { workspace: workspace.path });
    assert.equal((await verifyJournal(id, { workspace: workspace.path })).intact, true);
  });
});
