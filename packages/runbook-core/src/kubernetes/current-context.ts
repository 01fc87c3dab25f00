import { findKubeconfigCluster, findKubeconfigContext, readKubeconfig, type KubeconfigProblem, type KubeconfigSource } from './kubeconfig.ts';

/** The context kubectl would use right now: for a status bar or a plan header. */
export interface CurrentKubeContext {
  context: string;
  namespace: string;
  cluster?: string;
  server?: string;
  files: string[];
}

export type CurrentKubeContextResult =
  | { ok: true; current: CurrentKubeContext }
  | { ok: false; problem: KubeconfigProblem | { code: 'no-current-context' | 'context-missing'; reason: string } };

/** Reads the active (or the named) context from the kubeconfig, without loading the Kubernetes client. */
export async function readCurrentKubeContext(source: KubeconfigSource & { context?: string } = {}): Promise<CurrentKubeContextResult> {
  const read = await readKubeconfig(source);
  if (!read.ok) return read;
  const { kubeconfig } = read;
  const name = source.context ?? kubeconfig.currentContext;
  if (name === undefined) {
    return { ok: false, problem: { code: 'no-current-context', reason: `no current context is set in ${kubeconfig.files.join(', ')}` } };
  }
  const context = findKubeconfigContext(kubeconfig, name);
  if (!context) {
    return { ok: false, problem: { code: 'context-missing', reason: `context '${name}' is not defined in ${kubeconfig.files.join(', ')}` } };
  }
  const current: CurrentKubeContext = { context: name, namespace: context.namespace ?? 'default', files: kubeconfig.files };
  if (context.cluster !== '') current.cluster = context.cluster;
  const server = findKubeconfigCluster(kubeconfig, context.cluster)?.server;
  if (server !== undefined) current.server = server;
  return { ok: true, current };
}
