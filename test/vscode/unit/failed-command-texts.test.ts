import assert from 'node:assert/strict';
import { failedCommandText, stepStatusText } from '../../../packages/vscode-extension/src/decorations/step-status-text.ts';

describe('stepStatusText with failed commands', () => {
  const startedAt = new Date(2026, 0, 1, 14, 3).toISOString();

  it('shows a step whose last command exited 0 but others failed as failed, with their lines', () => {
    const failedCommands = [
      { number: 4, line: 136, exitCode: 1 },
      { number: 7, line: 142, exitCode: 127 },
    ];
    assert.equal(
      stepStatusText({ status: 'succeeded', exitCode: 0, durationMs: 3000, startedAt, failedCommands }),
      '✗ exit 0 · 2 commands failed (lines 136, 142) · 3.0 s · 14:03',
    );
    assert.equal(
      stepStatusText({ status: 'failed', exitCode: 1, durationMs: 42, failedCommands: [{ number: 2, line: 9, exitCode: 1 }] }),
      '✗ exit 1 · command 2 failed (line 9) · 42 ms',
    );
    assert.equal(stepStatusText({ status: 'succeeded', exitCode: 0, durationMs: 42, failedCommands: [] }), '✓ exit 0 · 42 ms');
  });

  it('marks each failed command with its exit code', () => {
    assert.equal(failedCommandText({ exitCode: 127 }), '✗ exit 127');
  });
});
