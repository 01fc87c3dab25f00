import type { RunbookMeta, Step } from '../../model.ts';
import type { ApiStepOutcome } from '../api-step-result.ts';
import type { KubernetesClientOptions } from '../kubernetes-client.ts';
import { formatHealthReport } from './format-health-report.ts';
import type { KubernetesHealthReport } from './health-report.ts';
import { kubernetesHealth } from './kubernetes-health.ts';

/** The info-string language of a health-check step: ```` ```k8s-health {namespace=smartcloudops} ```` */
export const k8sHealthLanguage = 'k8s-health';

export interface K8sHealthStepOptions extends Omit<KubernetesClientOptions, 'context'> {
  /** The runbook's frontmatter, for `kubernetes.namespace`. */
  meta?: Pick<RunbookMeta, 'kubernetes'>;
  /** A context to use instead of the kubeconfig's current one. */
  context?: string;
}

/** Shaped like the local runner's result, with the report as data. */
export interface K8sHealthStepResult extends ApiStepOutcome {
  /** 0 healthy, 1 problems found, 2 nothing could be checked. */
  exitCode: number;
  /** The report as text, the way the investigation script prints it. */
  stdout: string;
  message?: string;
  report: KubernetesHealthReport;
}

/**
 * Runs a `k8s-health` step. Attributes: `namespace=` (else the frontmatter's
 * `kubernetes.namespace`, else the context's), `revisions=` and `events=`
 * (how much history to keep). The fence body is not code and is ignored.
 */
export async function runK8sHealthStep(step: Step, options: K8sHealthStepOptions = {}): Promise<K8sHealthStepResult> {
  const { meta, ...clientOptions } = options;
  const namespace = step.options.namespace ?? meta?.kubernetes?.namespace;
  const revisions = countAttribute(step, 'revisions');
  const events = countAttribute(step, 'events');
  const report = await kubernetesHealth({
    ...clientOptions,
    ...(namespace === undefined ? {} : { namespace }),
    ...(revisions === undefined ? {} : { revisions }),
    ...(events === undefined ? {} : { events }),
  });
  const exitCode = report.status === 'healthy' ? 0 : report.status === 'problems' ? 1 : 2;
  const result: K8sHealthStepResult = {
    command: `${k8sHealthLanguage} namespace=${report.namespace}`,
    exitCode,
    failed: exitCode !== 0,
    timedOut: report.failure?.code === 'timeout',
    isCanceled: options.signal?.aborted === true,
    durationMs: report.durationMs,
    stdout: formatHealthReport(report),
    stderr: '',
    report,
  };
  if (exitCode !== 0) result.message = report.status === 'error' ? (report.failure?.reason ?? report.summary) : report.summary;
  return result;
}

function countAttribute(step: Step, name: string): number | undefined {
  const text = step.attributes[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}
