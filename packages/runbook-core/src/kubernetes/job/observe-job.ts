import type * as ClientNode from '@kubernetes/client-node';
import type { KubernetesClient } from '../kubernetes-client.ts';
import { describeKubernetesFailure, type KubernetesFailure } from '../kubernetes-failure.ts';
import { containerName } from './job-manifests.ts';

/** Where a Job's one run stands. */
export type JobObservation =
  | { state: 'pending'; pod?: string; reason?: string }
  | { state: 'running'; pod: string }
  | { state: 'terminated'; pod: string; exitCode: number; reason?: string; message?: string }
  /** It will not run: an image that cannot be pulled, a deadline passed, a pod that failed without running. */
  | { state: 'failed'; pod?: string; reason: string; timedOut: boolean }
  | { state: 'unobservable'; failure: KubernetesFailure };

/** Waiting reasons that will not resolve by themselves. */
const hopeless = new Set([
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/** Reads the Job and its newest pod once. */
export async function observeJob(client: KubernetesClient, namespace: string, name: string): Promise<JobObservation> {
  let job: ClientNode.V1Job;
  let pods: ClientNode.V1PodList;
  try {
    [job, pods] = await Promise.all([
      client.batch.readNamespacedJob({ name, namespace }),
      client.core.listNamespacedPod({ namespace, labelSelector: `job-name=${name}` }),
    ]);
  } catch (error) {
    return { state: 'unobservable', failure: describeKubernetesFailure(error, `watch job ${name} in ${namespace}`, client.server) };
  }
  const pod = newest(pods.items);
  const podName = pod?.metadata?.name;
  const status = pod?.status?.containerStatuses?.find((container) => container.name === containerName);
  const terminated = status?.state?.terminated;
  if (podName !== undefined && terminated) {
    const observation: JobObservation = { state: 'terminated', pod: podName, exitCode: terminated.exitCode };
    if (terminated.reason) observation.reason = terminated.reason;
    if (terminated.message) observation.message = terminated.message;
    return observation;
  }
  const failed = job.status?.conditions?.find((condition) => condition.type === 'Failed' && condition.status === 'True');
  if (failed) {
    const reason = `job ${name} failed: ${failed.reason ?? 'Failed'}${failed.message ? ` (${failed.message})` : ''}`;
    return podName === undefined
      ? { state: 'failed', reason, timedOut: failed.reason === 'DeadlineExceeded' }
      : { state: 'failed', pod: podName, reason, timedOut: failed.reason === 'DeadlineExceeded' };
  }
  if (podName === undefined) return { state: 'pending' };
  if (status?.state?.running) return { state: 'running', pod: podName };
  const waiting = status?.state?.waiting;
  if (waiting?.reason && hopeless.has(waiting.reason)) {
    return {
      state: 'failed',
      pod: podName,
      reason: `pod ${podName} cannot start: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}`,
      timedOut: false,
    };
  }
  if (pod?.status?.phase === 'Failed') {
    return {
      state: 'failed',
      pod: podName,
      reason: `pod ${podName} failed: ${pod.status.reason ?? 'Failed'}${pod.status.message ? ` (${pod.status.message})` : ''}`,
      timedOut: pod.status.reason === 'DeadlineExceeded',
    };
  }
  const unscheduled = pod?.status?.conditions?.find((condition) => condition.type === 'PodScheduled' && condition.status === 'False');
  const reason = waiting?.reason ?? unscheduled?.reason ?? pod?.status?.phase;
  return reason === undefined ? { state: 'pending', pod: podName } : { state: 'pending', pod: podName, reason };
}

function newest(pods: ClientNode.V1Pod[]): ClientNode.V1Pod | undefined {
  return [...pods].sort((a, b) => time(b) - time(a))[0];
}

function time(pod: ClientNode.V1Pod): number {
  const created = pod.metadata?.creationTimestamp;
  return created instanceof Date ? created.getTime() : 0;
}
