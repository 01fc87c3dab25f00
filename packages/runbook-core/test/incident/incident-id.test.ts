import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import {
  assertIncidentId,
  currentIncident,
  FileIncidentStore,
  formatIncidentId,
  IncidentInputError,
  isIncidentId,
  listIncidents,
  loadIncident,
  setCurrentIncident,
  startIncident,
} from '../../src/incident/index.ts';
import { useTempWorkspace } from './fixtures/temp-workspace.ts';

const now = new Date('2026-11-14T14:23:45.000Z');
const runbookWith = (incidentId: string) => ({ meta: { variables: {}, raw: {}, incidentId } });

describe('incident ids', () => {
  const workspace = useTempWorkspace();

  it("defaults to INC-YYYYMMDD-HHMM in UTC, like the runbook's INC-$(date +%Y%m%d-%H%M)", async () => {
    const state = await startIncident({ workspace: workspace.path, severity: 'P1', title: 'API down', now: new Date('2026-11-14T23:59:59.999+02:00') });
    assert.equal(state.id, 'INC-20261114-2159');
  });

  it("uses the runbook's template, in braces or date spellings", () => {
    assert.equal(formatIncidentId('SEC-{YY}{MM}{DD}T{HH}{mm}{ss}', now), 'SEC-261114T142345');
    assert.equal(formatIncidentId('INC-%Y%m%d-%H%M', now), 'INC-20261114-1423');
    assert.throws(() => formatIncidentId('INC-{week}', now), /incident id template 'INC-\{week\}' uses the unknown token '\{week\}'/);
    assert.throws(() => formatIncidentId('../{YYYY}', now), /gives the id '\.\.\/2026', which contains a path separator/);
  });

  it('suffixes -2, -3 when incidents start in the same minute', async () => {
    const starts = await Promise.all(
      [1, 2, 3, 4].map(() => startIncident({ workspace: workspace.path, severity: 'P2', title: 'x', now, runbook: runbookWith('OPS-{HH}{mm}') })),
    );
    assert.deepEqual(starts.map((state) => state.id).sort(), ['OPS-1423', 'OPS-1423-2', 'OPS-1423-3', 'OPS-1423-4']);
    assert.deepEqual(await listIncidents({ workspace: workspace.path }), ['OPS-1423', 'OPS-1423-2', 'OPS-1423-3', 'OPS-1423-4']);
  });

  it('refuses path traversal and odd characters in ids given by a user, naming the value', async () => {
    for (const [id, reason] of [
      ['../etc', /path separator/],
      ['..', /contains '\.\.'/],
      ['a\0b', /'a\\u0000b' contains a control character/],
      ['C:\\x', /path separator/],
      ['', /is empty/],
      ['-rf', /must start with a letter or digit/],
      ['NUL', /reserved device name/],
      ['a'.repeat(97), /longer than 96/],
    ] as const) {
      assert.throws(
        () => assertIncidentId(id),
        (error: unknown) => error instanceof IncidentInputError && reason.test(error.message),
        id,
      );
      await assert.rejects(loadIncident(id, { workspace: workspace.path }), IncidentInputError);
      await assert.rejects(startIncident({ workspace: workspace.path, severity: 'P1', title: 't', id }), IncidentInputError);
    }
    assert.throws(() => new FileIncidentStore(workspace.path).journalPath('../../x'), /path separator/);
  });

  it('accepts an explicit id once', async () => {
    await startIncident({ workspace: workspace.path, severity: 'P1', title: 't', id: 'INC-manual_1', now });
    await assert.rejects(
      startIncident({ workspace: workspace.path, severity: 'P1', title: 't', id: 'INC-manual_1', now }),
      /id 'INC-manual_1' is already taken/,
    );
  });

  it('keeps a current-incident pointer that can be switched and cleared, and rejects a tampered one', async () => {
    const first = await startIncident({ workspace: workspace.path, severity: 'P1', title: 'a', now });
    const second = await startIncident({ workspace: workspace.path, severity: 'P1', title: 'b', now, makeCurrent: false });
    assert.equal(await currentIncident({ workspace: workspace.path }), first.id);
    await setCurrentIncident(second.id, { workspace: workspace.path });
    assert.equal(await currentIncident({ workspace: workspace.path }), second.id);
    await assert.rejects(setCurrentIncident('INC-19990101-0000', { workspace: workspace.path }), /does not exist/);
    await setCurrentIncident(undefined, { workspace: workspace.path });
    assert.equal(await currentIncident({ workspace: workspace.path }), undefined);
    const store = new FileIncidentStore(workspace.path);
    await writeFile(`${store.root}/current`, '../../etc/passwd\n');
    await assert.rejects(currentIncident({ workspace: workspace.path }), /current incident in .*'\.\.\/\.\.\/etc\/passwd' contains a path separator/);
  });

  it('rejects a missing workspace, title or severity with errors naming them', async () => {
    await assert.rejects(startIncident({ severity: 'P1', title: 't' }), /workspace undefined is required when no 'store' is given/);
    await assert.rejects(startIncident({ workspace: workspace.path, severity: 'P1', title: '  ' }), /title ' {2}' must be a non-empty line/);
    await assert.rejects(startIncident({ workspace: workspace.path, severity: 'P7', title: 't' }), /severity 'P7' is not one of P0, P1, P2, P3/);
    await assert.rejects(
      startIncident({ workspace: workspace.path, severity: 'P1', title: 't', now, detectedAt: new Date(now.getTime() + 1000) }),
      /detectedAt .* is after the start/,
    );
  });

  it('never accepts an id that could leave the incidents folder (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (id) => {
        if (!isIncidentId(id)) return;
        assert.ok(!id.includes('/') && !id.includes('\\') && !id.includes('..') && !id.includes('\0'));
        assert.match(id, /^[A-Za-z0-9][A-Za-z0-9_-]*$/);
      }),
    );
  });
});
