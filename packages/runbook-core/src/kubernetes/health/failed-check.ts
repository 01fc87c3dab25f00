import type { KubernetesFailure } from '../kubernetes-failure.ts';
import type { HealthCheckStatus } from './health-report.ts';

/** The common part of a check that could not run. */
export function failedCheck(failure: KubernetesFailure): { status: HealthCheckStatus; reason: string; failureCode: KubernetesFailure['code'] } {
  return { status: 'error', reason: failure.reason, failureCode: failure.code };
}
