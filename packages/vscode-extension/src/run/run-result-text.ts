import type { StepReport } from 'runbook-core';

/**
 * The line a step's terminal ends with, by the step's name rather than its
 * id or interpreter: `✓ Say hello succeeded · exit 0 · 0.1 s`,
 * `✗ Roll back (step 7) failed · exit 3 · command 2 failed (line 40) · 1.2 s`,
 * `⊘ Clean up refused: the run was declined`.
 */
export function runResultText(
  name: string,
  report: Pick<StepReport, 'stepId' | 'name' | 'status' | 'message' | 'failedCommands' | 'exitCode' | 'signal' | 'timedOut' | 'canceled' | 'durationMs'>,
): string {
  if (report.status === 'refused' || report.status === 'interrupted') return `⊘ ${name} ${withoutStepLabel(report)}`;
  const failedCommands = report.failedCommands ?? [];
  const succeeded = report.status === 'succeeded' && failedCommands.length === 0;
  const parts = [`${succeeded ? '✓' : '✗'} ${name} ${succeeded ? 'succeeded' : 'failed'}`];
  if (report.timedOut) parts.push('timed out');
  else if (report.canceled) parts.push('cancelled');
  else if (report.signal !== undefined) parts.push(`killed (${report.signal})`);
  else if (report.exitCode !== undefined) parts.push(`exit ${report.exitCode}`);
  if (failedCommands.length === 1) parts.push(`command ${failedCommands[0]?.number} failed (line ${failedCommands[0]?.line})`);
  if (failedCommands.length > 1) parts.push(`${failedCommands.length} commands failed (lines ${failedCommands.map((command) => command.line).join(', ')})`);
  if (report.durationMs !== undefined) parts.push(seconds(report.durationMs));
  return parts.join(' · ');
}

// Core's message starts with the step's label (`Step "x"`, `Step <id>`, `<id>`); the name replaces it.
function withoutStepLabel(report: Pick<StepReport, 'stepId' | 'name' | 'message'>): string {
  const labels = [report.name === undefined ? undefined : `Step "${report.name}"`, `Step ${report.stepId}`, report.name, report.stepId];
  for (const label of labels) {
    if (label !== undefined && report.message.startsWith(`${label} `)) return report.message.slice(label.length + 1);
  }
  return report.message;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
