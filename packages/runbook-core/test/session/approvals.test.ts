import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type IncidentLocation, loadIncident, startIncident } from '../../src/incident/index.ts';
import { decideApproval, openRunSession, type RunReport, type RunSession } from '../../src/session/index.ts';
import { MemoryIncidentStore } from '../incident/fixtures/memory-incident-store.ts';
import { until } from '../wait-until.ts';
import { scriptedIO, useTempDir } from './session-fixtures.ts';

const fence = '```';

/** A runbook whose one step needs approval and leaves a marker file when it runs. */
function approvalRunbook(dir: string, frontmatter: string[], attributes = 'approve=1'): string {
  const file = join(dir, 'approve.md');
  const lines = [
    '---',
    'title: Approvals',
    ...frontmatter,
    '---',
    '',
    '## Purge',
    '',
    `${fence}bash {name=purge ${attributes}}`,
    `touch '${join(dir, 'ran')}'`,
    fence,
    '',
  ];
  writeFileSync(file, lines.join('\n'));
  return file;
}

async function openAs(file: string, location: IncidentLocation, id: string, who: string): Promise<RunSession> {
  const opened = await openRunSession({ runbook: { file }, env: { PATH: process.env.PATH }, who, incident: { ...location, id }, yes: true });
  assert.ok(opened.ok, opened.ok ? '' : opened.message);
  return opened.session;
}

/** Starts the run and waits until its request is in the journal. */
async function runUntilRequested(session: RunSession, location: IncidentLocation, id: string, signal?: AbortSignal) {
  const io = scriptedIO({ interactive: false }, signal);
  const progress: string[] = [];
  io.onProgress = (message) => progress.push(message);
  const running: Promise<RunReport> = session.run(['purge'], io);
  const requestId = await until(() => progress.map((line) => /^waiting for approval: runbook approve ([0-9a-f]{8})/.exec(line)?.[1]).find(Boolean));
  const state = await loadIncident(id, location);
  assert.equal(state.approvals.get(requestId)?.status, 'pending');
  return { running, requestId, progress };
}

describe('two-person rule: a step that needs approval waits for another responder', () => {
  const workspace = useTempDir('runbook-approvals-');
  let store: MemoryIncidentStore;
  let location: IncidentLocation;
  let id: string;

  beforeEach(async () => {
    store = new MemoryIncidentStore();
    location = { store };
    id = (await startIncident({ ...location, severity: 'P1', title: 'Approvals', who: 'alice' })).id;
  });

  it('runs once another responder approves, and the journal holds the request and the grant with who', async () => {
    const session = await openAs(approvalRunbook(workspace.dir, []), location, id, 'alice');
    const { running, requestId } = await runUntilRequested(session, location, id);
    assert.equal(existsSync(join(workspace.dir, 'ran')), false, 'nothing runs before the approval');
    const decided = await decideApproval(requestId, { grant: true }, { ...location, who: 'bob' });
    assert.ok(decided.ok, decided.ok ? '' : decided.message);
    const report = await running;
    assert.equal(report.exitCode, 0, JSON.stringify(report));
    assert.equal(existsSync(join(workspace.dir, 'ran')), true);
    const state = await loadIncident(id, location);
    const request = state.approvals.get(requestId);
    assert.equal(request?.requestedBy, 'alice');
    assert.deepEqual(
      request?.grants.map((grant) => grant.who),
      ['bob'],
    );
    assert.deepEqual(request?.commands, [`touch '${join(workspace.dir, 'ran')}'`]);
    const types = state.events.map((event) => event.type);
    assert.ok(types.indexOf('approval-granted') < types.indexOf('step-started'), types.join(' '));
  });

  it('refuses self-approval: the requester cannot approve, and the run keeps waiting for someone else', async () => {
    const session = await openAs(approvalRunbook(workspace.dir, []), location, id, 'alice');
    const { running, requestId } = await runUntilRequested(session, location, id);
    // The memory store records the claimed name: the replay, not the pre-check, refuses it.
    const own = await decideApproval(requestId, { grant: true }, { ...location, who: 'alice' });
    assert.equal(own.ok, false);
    assert.equal(!own.ok && own.code, 'self-approval');
    const state = await loadIncident(id, location);
    assert.equal(state.approvals.get(requestId)?.status, 'pending');
    assert.deepEqual(
      state.approvals.get(requestId)?.ignored.map((entry) => `${entry.who} ${entry.reason}`),
      ['alice self-approval'],
    );
    assert.equal(existsSync(join(workspace.dir, 'ran')), false);
    assert.ok((await decideApproval(requestId, { grant: true }, { ...location, who: 'bob' })).ok);
    assert.equal((await running).exitCode, 0);
  });

  it('a denial refuses the step (exit 3) with who and why, and nothing runs', async () => {
    const session = await openAs(approvalRunbook(workspace.dir, []), location, id, 'alice');
    const { running, requestId } = await runUntilRequested(session, location, id);
    const denied = await decideApproval(requestId, { grant: false, reason: 'wrong cluster' }, { ...location, who: 'bob' });
    assert.ok(denied.ok);
    const report = await running;
    assert.equal(report.exitCode, 3);
    assert.match(report.steps[0]?.message ?? '', new RegExp(`approval ${requestId} denied by bob: wrong cluster`));
    assert.equal(existsSync(join(workspace.dir, 'ran')), false);
    const state = await loadIncident(id, location);
    assert.equal(state.approvals.get(requestId)?.status, 'denied');
    assert.equal(state.steps.get(session.runbook.steps[0]!.id)?.status, 'refused');
    const late = await decideApproval(requestId, { grant: true }, { ...location, who: 'carol' });
    assert.equal(!late.ok && late.code, 'not-pending');
  });

  it('expires: the runner journals the expiry and refuses the step; a late approval is refused', async () => {
    const session = await openAs(approvalRunbook(workspace.dir, ['approvals:', '  expires: 1s']), location, id, 'alice');
    const { running, requestId } = await runUntilRequested(session, location, id);
    const report = await running;
    assert.equal(report.exitCode, 3);
    assert.match(report.steps[0]?.message ?? '', /expired at .* without a decision/);
    const state = await loadIncident(id, location);
    assert.equal(state.approvals.get(requestId)?.status, 'expired');
    assert.equal(state.events.at(-2)?.type, 'approval-expired');
    assert.equal(existsSync(join(workspace.dir, 'ran')), false);
    const late = await decideApproval(requestId, { grant: true }, { ...location, who: 'bob' });
    assert.equal(!late.ok && late.code, 'not-pending');
  });

  it('Ctrl-C while waiting withdraws the request (journaled) and ends the run as interrupted', async () => {
    const session = await openAs(approvalRunbook(workspace.dir, []), location, id, 'alice');
    const controller = new AbortController();
    const { running, requestId } = await runUntilRequested(session, location, id, controller.signal);
    controller.abort('Ctrl-C');
    const report = await running;
    assert.equal(report.exitCode, 130);
    const state = await loadIncident(id, location);
    assert.equal(state.approvals.get(requestId)?.status, 'withdrawn');
    assert.equal(state.approvals.get(requestId)?.closed?.reason, 'Ctrl-C');
    assert.equal(existsSync(join(workspace.dir, 'ran')), false);
  });

  it('an approval covers the commands shown: a grant for another digest is refused, and one written anyway does not count', async () => {
    const session = await openAs(approvalRunbook(workspace.dir, []), location, id, 'alice');
    const { running, requestId } = await runUntilRequested(session, location, id);
    const stale = await decideApproval(requestId, { grant: true }, { ...location, who: 'bob', digest: 'f'.repeat(64) });
    assert.equal(!stale.ok && stale.code, 'digest-mismatch');
    const { recordEvent } = await import('../../src/incident/index.ts');
    await recordEvent(id, { type: 'approval-granted', requestId, digest: '0'.repeat(64) }, { ...location, who: 'bob' });
    const state = await loadIncident(id, location);
    assert.equal(state.approvals.get(requestId)?.status, 'pending');
    assert.equal(state.approvals.get(requestId)?.ignored[0]?.reason, 'digest-mismatch');
    assert.ok((await decideApproval(requestId, { grant: true }, { ...location, who: 'bob' })).ok);
    assert.equal((await running).exitCode, 0);
  });

  it('a changed step needs a new request: its digest differs', async () => {
    const file = approvalRunbook(workspace.dir, []);
    const first = await openAs(file, location, id, 'alice');
    const one = await runUntilRequested(first, location, id);
    writeFileSync(file, readFileSync(file, 'utf8').replace("touch '", "touch -c '"));
    const second = await openAs(file, location, id, 'alice');
    const two = await runUntilRequested(second, location, id);
    const state = await loadIncident(id, location);
    assert.notEqual(state.approvals.get(one.requestId)?.digest, state.approvals.get(two.requestId)?.digest);
    for (const { requestId, running } of [one, two]) {
      await decideApproval(requestId, { grant: false, reason: 'test over' }, { ...location, who: 'bob' });
      assert.equal((await running).exitCode, 3);
    }
  });

  it('approve=2 (more than approvals.destroy asks) needs two different responders, each counted once', async () => {
    const file = approvalRunbook(workspace.dir, ['approvals:', '  destroy: 1'], 'approve=2');
    const session = await openAs(file, location, id, 'alice');
    const { running, requestId } = await runUntilRequested(session, location, id);
    assert.ok((await decideApproval(requestId, { grant: true }, { ...location, who: 'bob' })).ok);
    const twice = await decideApproval(requestId, { grant: true }, { ...location, who: 'bob' });
    assert.ok(twice.ok, 'written, but not counted');
    assert.equal((await loadIncident(id, location)).approvals.get(requestId)?.status, 'pending');
    assert.equal(existsSync(join(workspace.dir, 'ran')), false);
    assert.ok((await decideApproval(requestId, { grant: true }, { ...location, who: 'carol' })).ok);
    assert.equal((await running).exitCode, 0);
    assert.deepEqual(
      (await loadIncident(id, location)).approvals.get(requestId)?.grants.map((grant) => grant.who),
      ['bob', 'carol'],
    );
  });
});

describe('two-person rule with a store that is offline', () => {
  const workspace = useTempDir('runbook-approvals-offline-');

  /** The memory store, saying it cannot reach its server until told otherwise. */
  class OfflineStore extends MemoryIncidentStore {
    online = false;
    async health() {
      return { online: this.online, unsent: this.online ? 0 : 1 };
    }
  }

  it('a grant seen only in the local copy does not run the step until the store confirms it', async () => {
    const store = new OfflineStore();
    const location = { store };
    const id = (await startIncident({ ...location, severity: 'P1', title: 'Offline', who: 'alice' })).id;
    const session = await openAs(approvalRunbook(workspace.dir, []), location, id, 'alice');
    const { running, requestId } = await runUntilRequested(session, location, id);
    assert.ok((await decideApproval(requestId, { grant: true }, { ...location, who: 'bob' })).ok);
    // Two retries' worth of waiting: still nothing ran.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(existsSync(join(workspace.dir, 'ran')), false);
    store.online = true;
    assert.equal((await running).exitCode, 0);
    assert.equal(existsSync(join(workspace.dir, 'ran')), true);
  });
});

describe('two-person rule on the file store', () => {
  const workspace = useTempDir('runbook-approvals-file-');

  it('is stated and refused (exit 3) unless the runbook accepts file-store approvals; nothing runs', async () => {
    const location = { workspace: workspace.dir };
    const id = (await startIncident({ ...location, severity: 'P1', title: 'File store', who: 'alice' })).id;
    const session = await openAs(approvalRunbook(workspace.dir, []), location, id, 'alice');
    const report = await session.run(['purge'], scriptedIO({ interactive: false }));
    assert.equal(report.exitCode, 3);
    assert.match(report.steps[0]?.message ?? '', /needs approval by one other responder \(approve=1\), and the file store has no second authenticated person/);
    assert.match(report.steps[0]?.message ?? '', /approvals: \{ store: any \}/);
    assert.equal(existsSync(join(workspace.dir, 'ran')), false);
    assert.equal((await loadIncident(id, location)).approvals.size, 0);
  });

  it('with approvals.store: any, waits on the journal file, refuses self-approval before writing, and runs on another name', async () => {
    const location = { workspace: workspace.dir };
    const id = (await startIncident({ ...location, severity: 'P1', title: 'File store', who: 'alice' })).id;
    const session = await openAs(approvalRunbook(workspace.dir, ['approvals:', '  store: any']), location, id, 'alice');
    const { running, requestId } = await runUntilRequested(session, location, id);
    const own = await decideApproval(requestId, { grant: true }, { ...location, who: 'alice' });
    assert.equal(!own.ok && own.code, 'self-approval');
    assert.equal((await loadIncident(id, location)).events.filter((event) => event.type === 'approval-granted').length, 0, 'refused before writing');
    assert.ok((await decideApproval(requestId, { grant: true }, { ...location, who: 'bob' })).ok);
    assert.equal((await running).exitCode, 0);
    assert.equal(existsSync(join(workspace.dir, 'ran')), true);
  });

  it('a step without an incident is refused: approvals are recorded in one', async () => {
    const opened = await openRunSession({
      runbook: { file: approvalRunbook(workspace.dir, ['approvals:', '  store: any']) },
      env: { PATH: process.env.PATH },
      who: 'alice',
      yes: true,
    });
    assert.ok(opened.ok);
    const report = await opened.session.run(['purge'], scriptedIO({ interactive: false }));
    assert.equal(report.exitCode, 3);
    assert.match(report.steps[0]?.message ?? '', /approvals are asked for and recorded in an incident/);
  });
});
