// Integration tests against a real kube-apiserver + etcd on loopback (see
// scripts/kube-apiserver.sh). One cluster serves every suite; each suite is
// its own file. A machine that cannot provide the server (not root, no apt)
// skips them, saying what to install; a setup that breaks fails here, loudly.
import { createKubernetesClient } from '../../packages/runbook-core/src/kubernetes/kubernetes-client.ts';
import { FakeKubelet } from './fake-kubelet.ts';
import { guardSuite } from './guard.suite.ts';
import { healthSuite } from './health.suite.ts';
import { jobSuite } from './job.suite.ts';
import { startTestCluster } from './test-cluster.ts';
import type { KubernetesWorld } from './world.ts';
import { skipWhenToolMissing } from '../support/system-tools.ts';
import { join } from 'node:path';

describe('Kubernetes against a real kube-apiserver', () => {
  const world = {} as KubernetesWorld;

  before(async function () {
    // A fresh machine builds kube-apiserver once (minutes); later runs reuse it.
    this.timeout(0);
    world.cluster = await skipWhenToolMissing(this, startTestCluster);
    const admin = await createKubernetesClient({ kubeconfig: world.cluster.kubeconfig, context: 'prod-test', env: {} });
    if (!admin.ok) throw new Error(admin.problem.reason);
    world.admin = admin.client;
    for (const name of ['prod', 'staging']) await world.admin.core.createNamespace({ body: { metadata: { name } } });
    await grantViewer(world);
    world.kubelet = await FakeKubelet.start(join(world.cluster.dir, 'certs'), world.admin);
  });

  after(async function () {
    this.timeout(0);
    await world.kubelet?.close();
    await world.cluster?.stop();
  });

  guardSuite(world);
  healthSuite(world);
  jobSuite(world);
});

/** `viewer` may read the prod namespace and manage ConfigMaps and Secrets there, but not Jobs, nodes or other namespaces. */
async function grantViewer(world: KubernetesWorld): Promise<void> {
  const { library } = world.admin;
  const rbac = world.admin.kubeConfig.makeApiClient(library.RbacAuthorizationV1Api);
  await rbac.createNamespacedRole({
    namespace: 'prod',
    body: {
      metadata: { name: 'viewer' },
      rules: [
        { apiGroups: [''], resources: ['pods', 'events'], verbs: ['get', 'list', 'watch', 'delete'] },
        { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'create', 'delete', 'patch'] },
        { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'delete'] },
      ],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace: 'prod',
    body: {
      metadata: { name: 'viewer' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'viewer' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'viewer' }],
    },
  });
}
