import type { KubernetesClient } from '../../packages/runbook-core/src/kubernetes/kubernetes-client.ts';
import type { FakeKubelet } from './fake-kubelet.ts';
import type { TestCluster } from './test-cluster.ts';

/** What the suites share, filled in by the root `before` hook. */
export interface KubernetesWorld {
  cluster: TestCluster;
  /** An admin client on context `prod-test`. */
  admin: KubernetesClient;
  kubelet: FakeKubelet;
}

/** Waits until `probe` gives something; the test's timeout bounds it. */
export async function until<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, intervalMs = 20): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
