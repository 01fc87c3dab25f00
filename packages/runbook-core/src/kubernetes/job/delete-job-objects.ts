import type { KubernetesClient } from '../kubernetes-client.ts';
import { describeKubernetesFailure } from '../kubernetes-failure.ts';

export interface JobCleanup {
  /** `Kind/name` of every object removed (or already gone). */
  deleted: string[];
  /** Objects that may still exist, with why. */
  failed: Array<{ object: string; reason: string }>;
}

export interface JobObjects {
  namespace: string;
  name: string;
  job: boolean;
  configMap: boolean;
  secret: boolean;
}

/**
 * Removes what a Job step created: the Job, its pods (the garbage collector
 * would, but not at once and not without a controller manager), the Secret
 * and the ConfigMap. Already-gone objects count as deleted.
 */
export async function deleteJobObjects(client: KubernetesClient, objects: JobObjects): Promise<JobCleanup> {
  const { namespace, name } = objects;
  const cleanup: JobCleanup = { deleted: [], failed: [] };
  const attempt = async (object: string, remove: () => Promise<unknown>) => {
    try {
      await remove();
      cleanup.deleted.push(object);
    } catch (error) {
      const failure = describeKubernetesFailure(error, `delete ${object} in ${namespace}`, client.server);
      if (failure.code === 'not-found') cleanup.deleted.push(object);
      else cleanup.failed.push({ object, reason: failure.reason });
    }
  };
  if (objects.job) {
    await attempt(`Job/${name}`, () => client.batch.deleteNamespacedJob({ name, namespace, propagationPolicy: 'Background' }));
    try {
      const pods = await client.core.listNamespacedPod({ namespace, labelSelector: `job-name=${name}` });
      for (const pod of pods.items) {
        const podName = pod.metadata?.name;
        if (podName !== undefined) await attempt(`Pod/${podName}`, () => client.core.deleteNamespacedPod({ name: podName, namespace }));
      }
    } catch (error) {
      cleanup.failed.push({ object: `pods of Job/${name}`, reason: describeKubernetesFailure(error, `list the pods of job ${name}`, client.server).reason });
    }
  }
  if (objects.secret) await attempt(`Secret/${name}`, () => client.core.deleteNamespacedSecret({ name, namespace }));
  if (objects.configMap) await attempt(`ConfigMap/${name}`, () => client.core.deleteNamespacedConfigMap({ name, namespace }));
  return cleanup;
}
