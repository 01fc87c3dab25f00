import assert from 'node:assert/strict';
import { approvalStatusAt, createJournalEvent, type JournalEventInput, pendingApprovals, replayJournal } from '../../src/incident/index.ts';

const requested: JournalEventInput = {
  type: 'approval-requested',
  requestId: 'a1b2c3d4',
  stepId: 'purge/1',
  stepName: 'purge',
  commands: ['rm -rf /data/cache'],
  values: [],
  risk: 'destroy',
  digest: 'd'.repeat(64),
  required: 1,
  expiresAt: '2026-11-14T10:15:00.000Z',
  rule: 'approvals.destroy',
};

function at(time: string, who: string, input: JournalEventInput) {
  return { ...createJournalEvent(input, { who, now: new Date(time) }) };
}

function replay(...events: ReturnType<typeof at>[]) {
  const started = at('2026-11-14T10:00:00.000Z', 'ana', { type: 'started', incidentId: 'INC-1', title: 't', severity: 'P1', severities: [{ id: 'P1' }] });
  return replayJournal({ id: 'INC-1', events: [started, ...events] });
}

describe('approval requests as the replay of their events', () => {
  const request = at('2026-11-14T10:00:00.000Z', 'ana', requested);

  it('a grant by someone else, for the digest, in time, grants it', () => {
    const state = replay(request, at('2026-11-14T10:01:00.000Z', 'ben', { type: 'approval-granted', requestId: 'a1b2c3d4', digest: 'd'.repeat(64) }));
    const approval = state.approvals.get('a1b2c3d4');
    assert.equal(approval?.status, 'granted');
    assert.deepEqual(approval?.grants, [{ who: 'ben', time: '2026-11-14T10:01:00.000Z' }]);
  });

  it('ignores, with the reason, a self-approval, another digest and a late grant', () => {
    const state = replay(
      request,
      at('2026-11-14T10:01:00.000Z', 'ana', { type: 'approval-granted', requestId: 'a1b2c3d4', digest: 'd'.repeat(64) }),
      at('2026-11-14T10:02:00.000Z', 'ben', { type: 'approval-granted', requestId: 'a1b2c3d4', digest: 'e'.repeat(64) }),
      at('2026-11-14T10:16:00.000Z', 'cy', { type: 'approval-granted', requestId: 'a1b2c3d4', digest: 'd'.repeat(64) }),
    );
    const approval = state.approvals.get('a1b2c3d4');
    assert.equal(approval?.status, 'pending');
    assert.deepEqual(
      approval?.ignored.map((entry) => `${entry.who} ${entry.reason}`),
      ['ana self-approval', 'ben digest-mismatch', 'cy after-expiry'],
    );
    assert.equal(approvalStatusAt(approval!, new Date('2026-11-14T10:14:00.000Z')), 'pending');
    assert.equal(approvalStatusAt(approval!, new Date('2026-11-14T10:16:00.000Z')), 'expired');
    assert.deepEqual(pendingApprovals(state.approvals, new Date('2026-11-14T10:16:00.000Z')), []);
  });

  it('a denial closes it with who and why; a grant after it does not count', () => {
    const state = replay(
      request,
      at('2026-11-14T10:01:00.000Z', 'ben', { type: 'approval-denied', requestId: 'a1b2c3d4', reason: 'wrong cluster' }),
      at('2026-11-14T10:02:00.000Z', 'cy', { type: 'approval-granted', requestId: 'a1b2c3d4', digest: 'd'.repeat(64) }),
    );
    const approval = state.approvals.get('a1b2c3d4');
    assert.equal(approval?.status, 'denied');
    assert.deepEqual(approval?.closed, { who: 'ben', time: '2026-11-14T10:01:00.000Z', reason: 'wrong cluster' });
    assert.equal(approval?.ignored[0]?.reason, 'already-decided');
  });

  it('the timeline shows the request, every decision and why a grant did not count', async () => {
    const { incidentTimeline } = await import('../../src/incident/index.ts');
    const state = replay(
      request,
      at('2026-11-14T10:01:00.000Z', 'ana', { type: 'approval-granted', requestId: 'a1b2c3d4', digest: 'd'.repeat(64) }),
      at('2026-11-14T10:02:00.000Z', 'ben', { type: 'approval-granted', requestId: 'a1b2c3d4', digest: 'd'.repeat(64) }),
    );
    assert.deepEqual(
      incidentTimeline(state)
        .filter((row) => row.source.startsWith('approval-'))
        .map((row) => `${row.who}: ${row.event} / ${row.action}`),
      [
        'ana: Approval requested (1 of others, destroy) / Asked to run "purge" (request a1b2c3d4)',
        'ana: Approval not counted: the requester cannot approve their own request / "purge" (request a1b2c3d4)',
        'ben: Approved / "purge" (request a1b2c3d4)',
      ],
    );
  });
});
