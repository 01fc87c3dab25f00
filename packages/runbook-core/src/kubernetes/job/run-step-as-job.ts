import { setTimeout as sleep } from 'node:timers/promises';
import type { RunbookMeta, Step } from '../../model.ts';
import type { ApiStepOutcome } from '../api-step-result.ts';
import { createKubernetesClient, type KubernetesClient, type KubernetesClientOptions } from '../kubernetes-client.ts';
import { describeKubernetesFailure, type KubernetesFailure } from '../kubernetes-failure.ts';
import { deleteJobObjects, type JobCleanup, type JobObjects } from './delete-job-objects.ts';
import { buildJobManifests, containerName, type JobManifests } from './job-manifests.ts';
import { JobOutput } from './job-output.ts';
import { resolveJobSettings, type JobSettingsOverrides } from './job-settings.ts';
import { observeJob, type JobObservation } from './observe-job.ts';
import { streamPodLog } from './stream-pod-log.ts';

export interface JobStepOptions extends Omit<KubernetesClientOptions, 'signal'>, JobSettingsOverrides {
  /** The runbook's frontmatter: `kubernetes.namespace` and `kubernetes.job` settings, variables marked `secret`. */
  meta?: Pick<RunbookMeta, 'kubernetes' | 'raw' | 'variables'>;
  /** Values for the script's environment. Secret ones travel in a Secret, the rest in the Job's env. */
  variables?: Record<string, string>;
  /** Names in `variables` that are secret, besides those the frontmatter marks `secret: true`. */
  secrets?: readonly string[];
  /** Cancels the run: the Job, its pods, ConfigMap and Secret are deleted. */
  signal?: AbortSignal;
  /** Output as it arrives, whole lines, secrets masked. */
  onOutput?: (text: string) => void;
  /** Where the Job stands, when that changes (`pod x: ContainerCreating`). */
  onProgress?: (message: string) => void;
  /** Between two looks at the Job. Default: 1000. */
  pollIntervalMs?: number;
  /** How long to wait for the log stream to end after the container has. Default: 3000. */
  logGraceMs?: number;
  /** Output kept in `stdout`, the end of it. Default: 8 MiB of characters. */
  maxOutputChars?: number;
}

/** Shaped like the local runner's result; failure has the same shape as success. */
export interface JobStepResult extends ApiStepOutcome {
  stepId: string;
  stepName?: string;
  /** What ran, e.g. `job runbook-restart-4f2a1 in smartcloudops (bash:5.2)`. */
  command: string;
  /** ISO time the run began. */
  startedAt: string;
  /** The container's exit code; undefined when it never ran or ended unseen. */
  exitCode?: number;
  /** The container's log (Kubernetes merges stdout and stderr), secrets masked; `stderr` stays empty. */
  stdout: string;
  /** The same as `stdout`, as the local runner's interleaved output. */
  output: string;
  /** One line: what ran and how it ended, e.g. `Job step "restart" failed: the step exited with code 3 in pod …`. */
  shortMessage: string;
  /** `shortMessage`, and for a failure the end of the output. */
  message: string;
  /** Set when the cluster refused or could not be reached. */
  failure?: KubernetesFailure | { code: string; reason: string };
  job: { name?: string; namespace?: string; pod?: string; image?: string; context?: string };
  /** How the output came back: followed live, read once at the end, from the termination message, or not at all. */
  logs: 'streamed' | 'read' | 'termination-message' | 'unavailable';
  /** Why the log could not be streamed or read. */
  logsReason?: string;
  cleanup: JobCleanup;
}

/**
 * Runs a step inside the cluster as a Kubernetes Job: the script in a
 * ConfigMap, secret variables in a Secret (read with `envFrom`, never written
 * into the Job), the exit code from the pod's container status, the log
 * followed while it runs. Everything created is deleted afterwards: on
 * success, failure, timeout and cancel, and when a later create fails.
 *
 * Never throws for cluster trouble: a refused or unreachable API server, a
 * missing image, a bad kubeconfig give a failed result with `message`.
 */
export async function runStepAsJob(step: Step, options: JobStepOptions = {}): Promise<JobStepResult> {
  const started = performance.now();
  const label = `Job step "${step.name ?? step.id}"`;
  const result: JobStepResult = {
    stepId: step.id,
    ...(step.name === undefined ? {} : { stepName: step.name }),
    command: `job for step ${step.name ?? step.id}`,
    startedAt: new Date().toISOString(),
    failed: false,
    timedOut: false,
    isCanceled: false,
    durationMs: 0,
    stdout: '',
    stderr: '',
    output: '',
    shortMessage: '',
    message: '',
    job: {},
    logs: 'unavailable',
    cleanup: { deleted: [], failed: [] },
  };
  const finish = (failure?: { code: string; reason: string }) => {
    if (failure) {
      result.failed = true;
      result.failure = failure;
    }
    describeEnd(result, label);
    result.durationMs = Math.round(performance.now() - started);
    return result;
  };

  const settings = resolveJobSettings(step, options.meta, options);
  if (!settings.ok) return finish({ code: 'invalid-step', reason: settings.reason });
  const env = splitEnvironment(options);
  if ('reason' in env) return finish({ code: 'invalid-variable', reason: env.reason });
  // No signal on the client: cleanup after a cancel must still reach the server.
  const { signal, ...clientOptions } = options;
  const connection = await createKubernetesClient(clientOptions);
  if (!connection.ok) return finish(connection.problem);
  const { client } = connection;
  const namespace = settings.settings.namespace ?? client.namespace;
  const manifests = buildJobManifests({ step, settings: settings.settings, namespace, env: env.plain, secretEnv: env.secret });
  result.command = `job ${manifests.name} in ${namespace} (${settings.settings.image})`;
  result.job = { name: manifests.name, namespace, image: settings.settings.image, context: client.context };
  if (signal?.aborted) {
    result.isCanceled = true;
    return finish({ code: 'canceled', reason: 'canceled before the job was created' });
  }

  const created: JobObjects = { namespace, name: manifests.name, job: false, configMap: false, secret: false };
  const output = new JobOutput(Object.values(env.secret), options.onOutput, options.maxOutputChars ?? 8 * 1024 * 1024);
  try {
    const creation = await createObjects(client, manifests, created);
    if (creation) return finish(creation);
    await adoptByJob(client, manifests, created);
    const ended = await followJob(client, manifests, settings.settings.timeoutMs, output, result, options);
    output.flush();
    result.stdout = output.text;
    result.output = output.text;
    return finish(ended);
  } finally {
    result.cleanup = await deleteJobObjects(client, created);
    if (result.cleanup.failed.length > 0) {
      const left = `left behind: ${result.cleanup.failed.map((entry) => `${entry.object} (${entry.reason})`).join('; ')}`;
      result.failure = { code: result.failure?.code ?? 'cleanup-failed', reason: result.failure ? `${result.failure.reason}; ${left}` : left };
      result.failed = true;
      describeEnd(result, label);
    }
    result.durationMs = Math.round(performance.now() - started);
  }
}

async function createObjects(client: KubernetesClient, manifests: JobManifests, created: JobObjects): Promise<KubernetesFailure | undefined> {
  const { namespace } = created;
  try {
    await client.core.createNamespacedConfigMap({ namespace, body: manifests.configMap });
    created.configMap = true;
    if (manifests.secret) {
      await client.core.createNamespacedSecret({ namespace, body: manifests.secret });
      created.secret = true;
    }
    await client.batch.createNamespacedJob({ namespace, body: manifests.job });
    created.job = true;
    return undefined;
  } catch (error) {
    const kind = !created.configMap ? 'configmap' : manifests.secret && !created.secret ? 'secret' : 'job';
    return describeKubernetesFailure(error, `create ${kind} ${manifests.name} in ${namespace}`, client.server);
  }
}

/** Makes the Job own its ConfigMap and Secret, so the cluster removes them with it if this process dies. */
async function adoptByJob(client: KubernetesClient, manifests: JobManifests, created: JobObjects): Promise<void> {
  const { namespace, name } = created;
  let uid: string | undefined;
  try {
    uid = (await client.batch.readNamespacedJob({ name, namespace })).metadata?.uid;
  } catch {
    return;
  }
  if (uid === undefined) return;
  const { setHeaderOptions, PatchStrategy } = client.library;
  const body = { metadata: { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name, uid }] } };
  const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
  // Best effort: without patch rights the explicit cleanup still runs.
  await client.core.patchNamespacedConfigMap({ name, namespace, body }, mergePatch).catch(() => undefined);
  if (manifests.secret) await client.core.patchNamespacedSecret({ name, namespace, body }, mergePatch).catch(() => undefined);
}

/** Polls the Job until its container ends (or it cannot run, times out, is canceled), following the log meanwhile. */
async function followJob(
  client: KubernetesClient,
  manifests: JobManifests,
  timeoutMs: number | undefined,
  output: JobOutput,
  result: JobStepResult,
  options: JobStepOptions,
): Promise<{ code: string; reason: string } | undefined> {
  const { namespace } = manifests.job.metadata as { namespace: string };
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs;
  const stopLog = new AbortController();
  let logStream: Promise<{ ok: boolean; reason?: string }> | undefined;
  let lastProgress = '';
  const startLog = (pod: string) => {
    logStream ??= streamPodLog(client, {
      namespace,
      pod,
      container: containerName,
      follow: true,
      onChunk: (text) => output.push(text),
      signal: stopLog.signal,
    }).then((outcome) => (outcome.ok ? { ok: true } : { ok: false, reason: outcome.failure.reason }));
  };
  try {
    for (;;) {
      if (options.signal?.aborted) {
        result.isCanceled = true;
        return { code: 'canceled', reason: `canceled; job ${manifests.name} and its objects are deleted` };
      }
      if (performance.now() > deadline) {
        result.timedOut = true;
        return { code: 'timeout', reason: `timed out after ${timeoutMs} ms; job ${manifests.name} and its objects are deleted` };
      }
      const seen: JobObservation = await observeJob(client, namespace, manifests.name);
      const progress = describeProgress(seen);
      if (progress !== lastProgress) {
        lastProgress = progress;
        options.onProgress?.(progress);
      }
      if (seen.state === 'unobservable') return seen.failure;
      if ('pod' in seen && seen.pod !== undefined) result.job.pod = seen.pod;
      if (seen.state === 'running') startLog(seen.pod);
      if (seen.state === 'failed') {
        result.timedOut = seen.timedOut;
        return { code: seen.timedOut ? 'timeout' : 'job-failed', reason: seen.reason };
      }
      if (seen.state === 'terminated') {
        await collectLog(client, namespace, seen, logStream, stopLog, output, result, options.logGraceMs ?? 3000);
        result.exitCode = seen.exitCode;
        if (seen.exitCode === 0) return undefined;
        return { code: 'exit-code', reason: `the step exited with code ${seen.exitCode}${seen.reason ? ` (${seen.reason})` : ''} in pod ${seen.pod}` };
      }
      await sleep(pollIntervalMs, undefined, options.signal ? { signal: options.signal } : {}).catch(() => undefined);
    }
  } finally {
    stopLog.abort();
  }
}

/**
 * After the container ended: let the followed stream finish; if it never
 * started or broke off, read the whole log once and add what was missed;
 * if no log can be had (no kubelet answering), fall back to the termination
 * message, which holds the log's end when the container failed.
 */
async function collectLog(
  client: KubernetesClient,
  namespace: string,
  ended: Extract<JobObservation, { state: 'terminated' }>,
  logStream: Promise<{ ok: boolean; reason?: string }> | undefined,
  stopLog: AbortController,
  output: JobOutput,
  result: JobStepResult,
  graceMs: number,
): Promise<void> {
  if (logStream) {
    const grace = sleep(graceMs).then(() => ({ ok: false, reason: 'the log stream did not end after the container did' }));
    const streamed = await Promise.race([logStream, grace]);
    stopLog.abort();
    if (streamed.ok) {
      result.logs = 'streamed';
      return;
    }
    result.logsReason = streamed.reason ?? 'the log stream broke off';
  }
  const already = output.received;
  let full = '';
  const read = await streamPodLog(client, { namespace, pod: ended.pod, container: containerName, follow: false, onChunk: (text) => (full += text) });
  if (read.ok) {
    output.push(full.slice(already));
    if (already === 0) result.logs = 'read';
    else result.logs = 'streamed';
    return;
  }
  result.logsReason = read.failure.reason;
  if (already === 0 && ended.message) {
    output.push(ended.message.endsWith('\n') ? ended.message : `${ended.message}\n`);
    result.logs = 'termination-message';
  } else if (already > 0) {
    result.logs = 'streamed';
  }
}

function describeEnd(result: JobStepResult, label: string): void {
  result.shortMessage = result.failure ? `${label} failed: ${result.failure.reason}` : `${label} succeeded: ${result.command}`;
  const tail = result.output.length > 4000 ? `…${result.output.slice(-4000)}` : result.output;
  result.message = result.failed && tail.trim() !== '' ? `${result.shortMessage}\n${tail}` : result.shortMessage;
}

function describeProgress(seen: JobObservation): string {
  switch (seen.state) {
    case 'pending':
      return seen.pod ? `pod ${seen.pod}: ${seen.reason ?? 'Pending'}` : 'waiting for the job to start a pod';
    case 'running':
      return `pod ${seen.pod}: Running`;
    case 'terminated':
      return `pod ${seen.pod}: exited with ${seen.exitCode}`;
    case 'failed':
      return seen.reason;
    default:
      return seen.failure.reason;
  }
}

/** Secret variables (declared `secret: true` or named in `secrets`) apart from plain ones; names checked. */
function splitEnvironment(options: JobStepOptions): { plain: Record<string, string>; secret: Record<string, string> } | { reason: string } {
  const plain: Record<string, string> = {};
  const secret: Record<string, string> = {};
  const secretNames = new Set(options.secrets ?? []);
  for (const [name, declaration] of Object.entries(options.meta?.variables ?? {})) if (declaration.secret) secretNames.add(name);
  for (const [name, value] of Object.entries(options.variables ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return { reason: `variable name '${name}' cannot be an environment variable in a pod` };
    if (secretNames.has(name)) secret[name] = value;
    else plain[name] = value;
  }
  return { plain, secret };
}
