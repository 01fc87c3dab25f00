import type * as ClientNode from '@kubernetes/client-node';
import { findKubeconfigCluster, findKubeconfigContext, readKubeconfig, type KubeconfigProblem, type KubeconfigSource } from './kubeconfig.ts';

export type ClientLibrary = typeof ClientNode;

let library: Promise<ClientLibrary> | undefined;

/** The Kubernetes client, loaded on first use: it costs ~1 s to import, and most commands never need it. */
export function loadClientLibrary(): Promise<ClientLibrary> {
  library ??= import('@kubernetes/client-node');
  return library;
}

export interface KubernetesClientOptions extends KubeconfigSource {
  /** A context of the kubeconfig; default: its current context. */
  context?: string;
  /** Aborts every request made through the client. */
  signal?: AbortSignal;
  /** Time limit of each request, so an unreachable server cannot hang a run. Default: 30 000. */
  requestTimeoutMs?: number;
}

/** API clients bound to one context. */
export interface KubernetesClient {
  context: string;
  /** The context's default namespace (`default` when it sets none). */
  namespace: string;
  server: string;
  kubeConfig: ClientNode.KubeConfig;
  core: ClientNode.CoreV1Api;
  apps: ClientNode.AppsV1Api;
  batch: ClientNode.BatchV1Api;
  custom: ClientNode.CustomObjectsApi;
  library: ClientLibrary;
}

export type ClientProblem = KubeconfigProblem | { code: 'no-current-context' | 'context-missing'; reason: string };

export type KubernetesClientResult = { ok: true; client: KubernetesClient } | { ok: false; problem: ClientProblem };

/**
 * Builds API clients from the kubeconfig with kubectl's merge rules (first
 * definition wins), for the given or current context. A bad kubeconfig or a
 * missing context is a problem in the result, not an exception.
 */
export async function createKubernetesClient(options: KubernetesClientOptions = {}): Promise<KubernetesClientResult> {
  const read = await readKubeconfig(options);
  if (!read.ok) return read;
  const { kubeconfig } = read;
  const name = options.context ?? kubeconfig.currentContext;
  if (name === undefined) {
    return { ok: false, problem: { code: 'no-current-context', reason: `no current context is set in ${kubeconfig.files.join(', ')}; pass a context` } };
  }
  const context = findKubeconfigContext(kubeconfig, name);
  if (!context) return { ok: false, problem: { code: 'context-missing', reason: `context '${name}' is not defined in ${kubeconfig.files.join(', ')}` } };
  const server = findKubeconfigCluster(kubeconfig, context.cluster)?.server;
  if (server === undefined) {
    return {
      ok: false,
      problem: {
        code: 'kubeconfig-invalid',
        reason: `context '${name}' names cluster '${context.cluster}', which has no server in ${kubeconfig.files.join(', ')}`,
      },
    };
  }
  const k8s = await loadClientLibrary();
  let kubeConfig: ClientNode.KubeConfig;
  try {
    kubeConfig = mergeFiles(k8s, kubeconfig.files, name);
  } catch (error) {
    return { ok: false, problem: { code: 'kubeconfig-invalid', reason: `kubeconfig ${kubeconfig.files.join(', ')}: ${(error as Error).message}` } };
  }
  const configuration = k8s.createConfiguration({
    baseServer: new k8s.ServerConfiguration(server, {}),
    authMethods: { default: kubeConfig },
    promiseMiddleware: [requestLimits(options)],
  });
  return {
    ok: true,
    client: {
      context: name,
      namespace: context.namespace ?? 'default',
      server,
      kubeConfig,
      core: new k8s.CoreV1Api(configuration),
      apps: new k8s.AppsV1Api(configuration),
      batch: new k8s.BatchV1Api(configuration),
      custom: new k8s.CustomObjectsApi(configuration),
      library: k8s,
    },
  };
}

/** Loads each file as the client does (relative paths resolved per file), then merges first-wins like kubectl. */
function mergeFiles(k8s: ClientLibrary, files: string[], currentContext: string): ClientNode.KubeConfig {
  const merged = { clusters: [] as ClientNode.Cluster[], users: [] as ClientNode.User[], contexts: [] as ClientNode.Context[] };
  for (const file of files) {
    const part = new k8s.KubeConfig();
    part.loadFromFile(file);
    for (const cluster of part.clusters) if (!merged.clusters.some((known) => known.name === cluster.name)) merged.clusters.push(cluster);
    for (const user of part.users) if (!merged.users.some((known) => known.name === user.name)) merged.users.push(user);
    for (const context of part.contexts) if (!merged.contexts.some((known) => known.name === context.name)) merged.contexts.push(context);
  }
  const kubeConfig = new k8s.KubeConfig();
  kubeConfig.loadFromOptions({ ...merged, currentContext });
  return kubeConfig;
}

function requestLimits(options: KubernetesClientOptions): ClientNode.Middleware {
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  return {
    async pre(request) {
      const limit = AbortSignal.timeout(timeoutMs);
      request.setSignal(options.signal ? AbortSignal.any([options.signal, limit]) : limit);
      return request;
    },
    async post(response) {
      return response;
    },
  };
}
