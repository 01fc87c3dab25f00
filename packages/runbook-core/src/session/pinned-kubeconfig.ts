import type { GuardVerdict } from './prepare-step.ts';

type WritePinnedKubeconfig = (options: {
  kubeconfigPath?: string;
  env: NodeJS.ProcessEnv;
  context: string;
  namespace?: string;
}) => Promise<{ path: string; dispose(): Promise<void> }>;

/**
 * Runs `work` with the environment the step gets. When the guard asks for a
 * pinned kubeconfig (one context, the one it checked), that file is written,
 * named in `KUBECONFIG`, and removed on every way out. A guard that asks for
 * one when none can be written refuses by throwing: nothing runs unpinned.
 */
export async function withPinnedKubeconfig<T>(
  guard: GuardVerdict | undefined,
  env: NodeJS.ProcessEnv,
  work: (env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T> {
  if (guard?.pin === undefined) return work(env);
  const kubernetes = (await import('../kubernetes/index.ts')) as { writePinnedKubeconfig?: WritePinnedKubeconfig };
  if (kubernetes.writePinnedKubeconfig === undefined) throw new Error('the guard asked for a pinned kubeconfig, but this build cannot write one');
  const pinned = await kubernetes.writePinnedKubeconfig({
    env,
    context: guard.pin.context,
    ...(env.KUBECONFIG === undefined ? {} : { kubeconfigPath: env.KUBECONFIG }),
    ...(guard.pin.namespace === undefined ? {} : { namespace: guard.pin.namespace }),
  });
  try {
    return await work({ ...env, KUBECONFIG: pinned.path });
  } finally {
    await pinned.dispose();
  }
}
