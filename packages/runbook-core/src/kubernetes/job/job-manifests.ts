import { randomBytes } from 'node:crypto';
import type * as ClientNode from '@kubernetes/client-node';
import type { Step } from '../../model.ts';
import type { JobSettings } from './job-settings.ts';

export const managedByLabel = 'app.kubernetes.io/managed-by';
export const stepLabel = 'runbook-step';
export const containerName = 'step';
const mountPath = '/runbook';

export interface JobManifestInput {
  step: Step;
  settings: JobSettings;
  namespace: string;
  /** Plain values: they go into the Job's env. */
  env: Record<string, string>;
  /** Secret values: they go into a Secret the container reads with `envFrom`. */
  secretEnv: Record<string, string>;
  /** Safety net when the runner dies: the TTL controller removes the finished Job. Default: 3600. */
  ttlSecondsAfterFinished?: number;
  /** For tests; default random. */
  suffix?: string;
}

export interface JobManifests {
  name: string;
  configMap: ClientNode.V1ConfigMap;
  secret?: ClientNode.V1Secret;
  job: ClientNode.V1Job;
}

/**
 * The objects a `runsOn=job` step becomes: a ConfigMap holding the script, a
 * Secret for secret variables (only when there are some), and a Job that
 * mounts the script and runs it once. All share one generated name.
 */
export function buildJobManifests(input: JobManifestInput): JobManifests {
  const { step, settings, namespace } = input;
  const suffix = input.suffix ?? randomBytes(4).toString('hex').slice(0, 5);
  const name = `runbook-${dnsLabel(step.name ?? step.id, 52 - 'runbook-'.length - suffix.length - 1)}-${suffix}`;
  const labels = { [managedByLabel]: 'runbook', [stepLabel]: dnsLabel(step.id, 63) };
  const annotations: Record<string, string> = { 'runbook/step-id': step.id };
  if (step.name !== undefined) annotations['runbook/step-name'] = step.name;
  const metadata = { name, namespace, labels, annotations };
  const configMap: ClientNode.V1ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { [settings.scriptName]: step.code } };
  const hasSecrets = Object.keys(input.secretEnv).length > 0;
  const container: ClientNode.V1Container = {
    name: containerName,
    image: settings.image,
    command: [...settings.interpreter, `${mountPath}/${settings.scriptName}`],
    env: Object.entries(input.env).map(([key, value]) => ({ name: key, value })),
    volumeMounts: [{ name: 'script', mountPath, readOnly: true }],
    // Without a log stream, the end of the output still comes back in the status.
    terminationMessagePolicy: 'FallbackToLogsOnError',
  };
  if (hasSecrets) container.envFrom = [{ secretRef: { name } }];
  const podSpec: ClientNode.V1PodSpec = {
    restartPolicy: 'Never',
    containers: [container],
    volumes: [{ name: 'script', configMap: { name, defaultMode: 0o444 } }],
  };
  if (settings.serviceAccount !== undefined) podSpec.serviceAccountName = settings.serviceAccount;
  const jobSpec: ClientNode.V1JobSpec = {
    backoffLimit: 0,
    ttlSecondsAfterFinished: input.ttlSecondsAfterFinished ?? 3600,
    template: { metadata: { labels, annotations }, spec: podSpec },
  };
  if (settings.timeoutMs !== undefined) jobSpec.activeDeadlineSeconds = Math.max(1, Math.ceil(settings.timeoutMs / 1000));
  const manifests: JobManifests = { name, configMap, job: { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: jobSpec } };
  if (hasSecrets) manifests.secret = { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', stringData: { ...input.secretEnv } };
  return manifests;
}

/** Lower-case letters, digits and dashes, starting and ending alphanumeric, at most `max` long. */
function dnsLabel(text: string, max: number): string {
  const label = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
  return label === '' ? 'step' : label;
}
