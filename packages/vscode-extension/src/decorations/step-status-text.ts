import { clockTime } from '../clock-time.ts';
import type { StepRunSummary } from '../run/step-runs.ts';

/** The fence's status line, e.g. `✓ exit 0 · 1.2 s · 14:03`. */
export function stepStatusText(summary: StepRunSummary): string {
  const time = summary.startedAt ? clockTime(summary.startedAt) : undefined;
  const parts: string[] = [];
  switch (summary.status) {
    case 'running':
      parts.push('… running');
      break;
    case 'refused':
      parts.push('⊘ not run');
      break;
    default:
      parts.push(`${summary.status === 'succeeded' ? '✓' : '✗'} ${summary.exitCode === undefined ? 'killed' : `exit ${summary.exitCode}`}`);
      if (summary.durationMs !== undefined) parts.push(duration(summary.durationMs));
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
