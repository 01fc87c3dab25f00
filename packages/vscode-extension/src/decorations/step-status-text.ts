import { clockTime } from '../clock-time.ts';
import type { StepRunSummary } from '../run/step-runs.ts';

/** A step's failed top-level commands, when its run says which (`StepResult.failedCommands`, the journal's `step-finished`). */
export interface FailedCommandsOf {
  failedCommands?: ReadonlyArray<{ number: number; line: number; exitCode: number }>;
}

/**
 * The fence's status line, e.g. `✓ exit 0 · 1.2 s · 14:03`, or
 * `✗ exit 0 · 2 commands failed (lines 136, 142) · 3.0 s · 14:03` when
 * commands failed although the last one exited 0.
 */
export function stepStatusText(summary: StepRunSummary & FailedCommandsOf): string {
  const time = summary.startedAt ? clockTime(summary.startedAt) : undefined;
  const parts: string[] = [];
  switch (summary.status) {
    case 'running':
      parts.push('… running');
      break;
    case 'refused':
      parts.push('⊘ not run');
      break;
    default: {
      const failed = summary.failedCommands ?? [];
      const succeeded = summary.status === 'succeeded' && failed.length === 0;
      parts.push(`${succeeded ? '✓' : '✗'} ${summary.exitCode === undefined ? 'killed' : `exit ${summary.exitCode}`}`);
      if (failed.length > 0) {
        const lines = failed.map((command) => command.line).join(', ');
        parts.push(failed.length === 1 ? `command ${failed[0]?.number} failed (line ${lines})` : `${failed.length} commands failed (lines ${lines})`);
      }
      if (summary.durationMs !== undefined) parts.push(duration(summary.durationMs));
    }
  }
  if (time) parts.push(time);
  return parts.join(' · ');
}

function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The end-of-line mark of one failed command, e.g. `✗ exit 1`. */
export function failedCommandText(command: { exitCode: number }): string {
  return `✗ exit ${command.exitCode}`;
}
