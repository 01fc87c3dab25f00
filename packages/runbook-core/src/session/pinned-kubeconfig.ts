import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  if (guard?.pin === undefined) {
    if (guard?.isolated !== true) return work(env);
    const empty = await writeEmptyKubeconfig();
    try {
      return await work({ ...env, KUBECONFIG: empty.path });
    } finally {
      await empty.dispose();
    }
  }
  const kubernetes = (await import('../kubernetes/index.ts')) as { writePinnedKubeconfig?: WritePinnedKubeconfig };
  if (kubernetes.writePinnedKubeconfig === undefined) throw new Error('the guard asked for a pinned kubeconfig, but this build cannot write one');
  const options = {
    env,
    context: guard.pin.context,
    ...(env.KUBECONFIG === undefined ? {} : { kubeconfigPath: env.KUBECONFIG }),
    ...(guard.pin.namespace === undefined ? {} : { namespace: guard.pin.namespace }),
  };
  // A step the guard read as using no cluster still gets a kubeconfig: when the
  // expected context is not on this machine, one that reaches no cluster at all.
  const pinned =
    guard.code === 'no-cluster'
      ? await kubernetes.writePinnedKubeconfig(options).catch(() => writeEmptyKubeconfig())
      : await kubernetes.writePinnedKubeconfig(options);
  try {
    return await work({ ...env, KUBECONFIG: pinned.path });
  } finally {
    await pinned.dispose();
  }
}

/** A kubeconfig with no cluster, context or user, in a private folder. */
async function writeEmptyKubeconfig(): Promise<{ path: string; dispose(): Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'runbook-kubeconfig-'));
  const path = join(folder, 'config');
  await writeFile(path, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\ncurrent-context: ""\n', { mode: 0o600, flag: 'wx' });
  return { path, dispose: () => rm(folder, { recursive: true, force: true }) };
}
