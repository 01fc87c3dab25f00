/**
 * A file name for one run's full output, for `IncidentStore.logPath`: the start
 * time (sortable, no colons) and the step id made file-safe, e.g.
 * `20261114T142301.123Z-on-call-rotation_14ef99f5.log`. Step ids hold `/`, so
 * anything outside `[A-Za-z0-9._-]` becomes `_`; a run's time keeps reruns apart.
 */
export function stepLogFileName(stepId: string, startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '');
  const safeId = stepId
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/^[._-]+/, '');
  return `${`${stamp}-${safeId || 'step'}`.slice(0, 195)}.log`;
}
