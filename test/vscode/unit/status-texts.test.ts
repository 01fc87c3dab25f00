import assert from 'node:assert/strict';
import { stepStatusText } from '../../../packages/vscode-extension/src/decorations/step-status-text.ts';
import { statusBarText } from '../../../packages/vscode-extension/src/incident/status-bar-text.ts';

describe('stepStatusText (fence decoration)', () => {
  const startedAt = new Date(2026, 0, 1, 14, 3).toISOString();

  it('shows ✓ or ✗, the exit code, the duration and the local start time', () => {
    assert.equal(stepStatusText({ status: 'succeeded', exitCode: 0, durationMs: 1234, startedAt }), '✓ exit 0 · 1.2 s · 14:03');
    assert.equal(stepStatusText({ status: 'failed', exitCode: 3, durationMs: 42, startedAt }), '✗ exit 3 · 42 ms · 14:03');
    assert.equal(stepStatusText({ status: 'failed', durationMs: 125_000 }), '✗ killed · 2 min 5 s');
  });

  it('says when a step runs or was not run', () => {
    assert.equal(stepStatusText({ status: 'running', startedAt }), '… running · 14:03');
    assert.equal(stepStatusText({ status: 'refused' }), '⊘ not run');
  });
});

describe('statusBarText (incident status bar)', () => {
  const base = {
    id: 'INC-20260101-0900',
    status: 'open' as const,
    phase: 'investigating' as const,
    severity: { id: 'P1', updateEveryMinutes: 30 },
    elapsedMs: 42 * 60_000,
    responseOverdue: false,
    responseLate: false,
    updateOverdue: false,
  };
  const now = Date.parse('2026-01-01T09:42:00Z');

  it('shows id, severity, elapsed time, the next update and the kube context', () => {
    const status = { ...base, nextUpdateDueAt: '2026-01-01T09:50:00.000Z' };
    assert.deepEqual(statusBarText(status, 'prod-eu', now), { text: 'INC-20260101-0900 · P1 · 42m · update in 8m · ⎈ prod-eu', warning: false });
  });

  it('warns when the status update is overdue', () => {
    const status = { ...base, elapsedMs: 95 * 60_000, nextUpdateDueAt: '2026-01-01T09:30:00.000Z', updateOverdue: true };
    assert.deepEqual(statusBarText(status, undefined, now), { text: 'INC-20260101-0900 · P1 · 1h35m · update overdue 12m', warning: true });
  });

  it('says resolved once the incident is', () => {
    assert.equal(statusBarText({ ...base, status: 'resolved' }, undefined, now).text, 'INC-20260101-0900 · P1 · resolved');
  });
});
