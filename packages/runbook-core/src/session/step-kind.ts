import type { Step } from '../model.ts';

/** How a step runs: a local script, the native Kubernetes health check, or a Job in the cluster. */
export type StepKind = 'local' | 'k8s-health' | 'job';

export function stepKind(step: Step): StepKind {
  if (step.lang === 'k8s-health') return 'k8s-health';
  return step.options.runsOn === 'job' ? 'job' : 'local';
}

/** The name people use for a step: its `name`, else its id. */
export function stepLabel(step: Step): string {
  return step.name ?? step.id;
}
