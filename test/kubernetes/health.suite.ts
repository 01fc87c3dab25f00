import assert from 'node:assert/strict';
import { kubernetesHealth, runK8sHealthStep, parseRunbook } from '../../packages/runbook-core/src/index.ts';
import type { KubernetesClient } from '../../packages/runbook-core/src/kubernetes/kubernetes-client.ts';
import { runCli, runCliProcess } from '../../packages/runbook-core/test/kubernetes/run-cli.ts';
import type { KubernetesWorld } from './world.ts';

const labels = { app: 'api' };

type PodStatus = NonNullable<Awaited<ReturnType<KubernetesClient['core']['readNamespacedPod']>>['status']>;
type ContainerStatus = NonNullable<PodStatus['containerStatuses']>[number];

export function healthSuite(world: KubernetesWorld): void {
  describe('health checks of pods whose status the test sets (no kubelet)', () => {
    const core = () => world.admin.core;
    const apps = () => world.admin.apps;
    const kubeconfig = () => world.cluster.kubeconfig;

    async function setNodeReady(name: string, ready: boolean): Promise<void> {
      const node = await core().readNode({ name });
      node.status = {
        ...node.status,
        conditions: [
          {
            type: 'Ready',
            status: ready ? 'True' : 'False',
            reason: ready ? 'KubeletReady' : 'KubeletNotReady',
            message: ready ? 'kubelet is posting ready status' : 'PLEG is not healthy',
            lastHeartbeatTime: new Date(),
            lastTransitionTime: new Date(),
          },
        ],
        allocatable: { cpu: '2', memory: '4Gi', pods: '110' },
        nodeInfo: {
          kubeletVersion: 'v1.20.2',
          architecture: 'amd64',
          bootID: '',
          containerRuntimeVersion: '',
          kernelVersion: '',
          kubeProxyVersion: '',
          machineID: '',
          operatingSystem: 'linux',
          osImage: '',
          systemUUID: '',
        },
      };
      await core().replaceNodeStatus({ name, body: node });
    }

    async function createPod(namespace: string, name: string, status: PodStatus): Promise<void> {
      await core().createNamespacedPod({
        namespace,
        body: { metadata: { name, labels }, spec: { nodeName: world.kubelet.nodeName, containers: [{ name: 'app', image: 'api:2' }] } },
      });
      const pod = await core().readNamespacedPod({ name, namespace });
      pod.status = status;
      await core().replaceNamespacedPodStatus({ name, namespace, body: pod });
    }

    const container = (state: NonNullable<ContainerStatus['state']>, ready: boolean, restartCount = 0): ContainerStatus => ({
      name: 'app',
      ready,
      restartCount,
      image: 'api:2',
      imageID: '',
      state,
    });

    before(async () => {
      await core().createNode({ body: { metadata: { name: 'node-a', labels: { 'node-role.kubernetes.io/worker': '' } } } });
      await setNodeReady('node-a', true);
      await setNodeReady(world.kubelet.nodeName, true);
      await createPod('prod', 'api-1', { phase: 'Running', containerStatuses: [container({ running: { startedAt: new Date() } }, true)] });
      const deployment = await apps().createNamespacedDeployment({
        namespace: 'prod',
        body: {
          metadata: { name: 'api', annotations: { 'deployment.kubernetes.io/revision': '2' } },
          spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'api:2' }] } } },
        },
      });
      for (const revision of [1, 2]) {
        await apps().createNamespacedReplicaSet({
          namespace: 'prod',
          body: {
            metadata: {
              name: `api-rev${revision}`,
              annotations: { 'deployment.kubernetes.io/revision': String(revision), 'kubernetes.io/change-cause': `release ${revision}` },
              ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: deployment.metadata!.uid!, controller: true }],
            },
            spec: {
              replicas: revision === 2 ? 1 : 0,
              selector: { matchLabels: { ...labels, revision: String(revision) } },
              template: { metadata: { labels: { ...labels, revision: String(revision) } }, spec: { containers: [{ name: 'app', image: `api:${revision}` }] } },
            },
          },
        });
      }
      deployment.status = { replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 };
      await apps().replaceNamespacedDeploymentStatus({ name: 'api', namespace: 'prod', body: deployment });
    });

    after(async () => {
      for (const [namespace, name] of [
        ['prod', 'api-1'],
        ['prod', 'worker-1'],
        ['staging', 'batch-1'],
      ] as const) {
        await core()
          .deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 })
          .catch(() => undefined);
      }
    });

    it('reports a healthy cluster (exit 0), with the rollout history from the ReplicaSets', async () => {
      const report = await kubernetesHealth({ kubeconfig: kubeconfig(), namespace: 'prod', env: {} });
      assert.equal(report.status, 'healthy', JSON.stringify([report.nodes, report.pods, report.rollouts], null, 1));
      assert.equal(report.context, 'prod-test');
      assert.deepEqual(
        report.nodes.nodes.map((node) => [node.name, node.status]),
        [
          ['fake-node', 'Ready'],
          ['node-a', 'Ready'],
        ],
      );
      assert.deepEqual(
        report.rollouts.deployments[0]!.history.map((entry) => [entry.revision, entry.changeCause, entry.images[0], entry.current]),
        [
          [2, 'release 2', 'api:2', true],
          [1, 'release 1', 'api:1', false],
        ],
      );
      assert.equal(report.usage.status, 'unavailable');
      const cli = await runCli(['k8s', 'health', '--kubeconfig', kubeconfig(), '--namespace', 'prod']);
      assert.equal(cli.code, 0, cli.stderr);
      assert.match(cli.stdout, /KUBERNETES HEALTH: HEALTHY/);
      assert.match(cli.stdout, /4\. RESOURCE UTILIZATION {2}unavailable {2}the metrics API/);
    });

    it('finds a NotReady node, a crash-looping and an unschedulable pod, a stuck rollout and Warning events (exit 1)', async () => {
      await setNodeReady('node-a', false);
      await createPod('prod', 'worker-1', {
        phase: 'Running',
        containerStatuses: [container({ waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } }, false, 4)],
      });
      await createPod('staging', 'batch-1', {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/2 nodes are available: 1 node(s) were not ready.' }],
      });
      const deployment = await apps().readNamespacedDeployment({ name: 'api', namespace: 'prod' });
      deployment.status = {
        replicas: 1,
        updatedReplicas: 1,
        readyReplicas: 0,
        availableReplicas: 0,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "api-rev2" has timed out progressing.' }],
      };
      await apps().replaceNamespacedDeploymentStatus({ name: 'api', namespace: 'prod', body: deployment });
      await core().createNamespacedEvent({
        namespace: 'prod',
        body: {
          metadata: { name: 'worker-1.backoff' },
          involvedObject: { kind: 'Pod', name: 'worker-1', namespace: 'prod' },
          reason: 'BackOff',
          message: 'Back-off restarting failed container',
          type: 'Warning',
          count: 5,
          firstTimestamp: new Date(Date.now() - 60_000),
          lastTimestamp: new Date(),
          source: { component: 'kubelet' },
        },
      });

      const report = await kubernetesHealth({ kubeconfig: kubeconfig(), namespace: 'prod', env: {} });
      assert.equal(report.status, 'problems');
      assert.deepEqual(report.nodes.nodes.find((node) => node.name === 'node-a')!.badConditions, [
        { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'PLEG is not healthy' },
      ]);
      assert.deepEqual(
        report.pods.problems.map((pod) => [`${pod.namespace}/${pod.name}`, pod.reason, pod.restarts, pod.ready]),
        [
          ['prod/worker-1', 'CrashLoopBackOff', 4, '0/1'],
          ['staging/batch-1', 'Unschedulable', 0, '0/1'],
        ],
      );
      assert.match(report.rollouts.reason ?? '', /api: rollout stuck \(ProgressDeadlineExceeded: ReplicaSet "api-rev2" has timed out progressing\.\)/);
      assert.deepEqual(
        report.events.events.map((event) => [event.reason, event.object, event.count]),
        [['BackOff', 'Pod/worker-1', 5]],
      );

      const json = await runCli(['k8s', 'health', '--kubeconfig', kubeconfig(), '-n', 'prod', '--format', 'json']);
      assert.equal(json.code, 1);
      assert.equal((JSON.parse(json.stdout) as { status: string }).status, 'problems');
      const processRun = await runCliProcess(['k8s', 'health', '--namespace', 'prod'], { KUBECONFIG: kubeconfig(), HOME: world.cluster.dir, NO_COLOR: '1' });
      assert.equal(processRun.code, 1, processRun.stderr);
      assert.match(processRun.stdout, /prod\/worker-1\s+0\/1\s+CrashLoopBackOff\s+restarts 4/);
      assert.match(processRun.stdout, /node-a\s+NotReady/);
    });

    it('runs a k8s-health step of a runbook, its result as data', async () => {
      const runbook = parseRunbook('---\nkubernetes:\n  namespace: prod\n---\n# Check\n\n```k8s-health {events=5}\n```\n');
      const result = await runK8sHealthStep(runbook.steps[0]!, { meta: runbook.meta, kubeconfig: kubeconfig(), env: {} });
      assert.equal(result.exitCode, 1);
      assert.equal(result.report.namespace, 'prod');
      assert.equal(result.report.pods.problems.length, 2);
      assert.match(result.stdout, /5\. RECENT WARNING EVENTS \(prod\)/);
    });

    it('checks only its namespace for a user who may not list cluster-wide, and reports forbidden nodes', async () => {
      const report = await kubernetesHealth({ kubeconfig: kubeconfig(), context: 'viewer-test', env: {} });
      assert.equal(report.pods.scope, 'namespace');
      assert.deepEqual(
        report.pods.problems.map((pod) => pod.name),
        ['worker-1'],
      );
      assert.equal(report.nodes.status, 'error');
      assert.equal(report.nodes.failureCode, 'forbidden');
      assert.match(report.nodes.reason ?? '', /nodes is forbidden: User "viewer" cannot list resource "nodes"/);
      assert.equal(report.status, 'problems');
    });

    it('says forbidden (403) and unreachable clearly, exit 2', async () => {
      const limited = await runCli(['k8s', 'health', '--kubeconfig', kubeconfig(), '--context', 'limited-test']);
      assert.equal(limited.code, 2);
      assert.match(
        limited.stderr,
        /^runbook k8s health: cannot list nodes: nodes is forbidden: User "limited" cannot list resource "nodes" in API group "" at the cluster scope\n$/,
      );
      const down = await runCli(['k8s', 'health', '--kubeconfig', kubeconfig(), '--context', 'down-test']);
      assert.equal(down.code, 2);
      assert.match(down.stderr, /cannot reach the API server https:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
      const missing = await runCli(['k8s', 'health', '--kubeconfig', kubeconfig(), '--context', 'nowhere']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /context 'nowhere' is not defined/);
    });

    it('shows the current context the way kubectl resolves it', async () => {
      const shown = await runCli(['k8s', 'context', '--format', 'json'], { KUBECONFIG: kubeconfig() });
      assert.equal(shown.code, 0);
      assert.deepEqual(JSON.parse(shown.stdout), {
        context: 'prod-test',
        namespace: 'prod',
        cluster: 'test',
        server: world.cluster.server,
        files: [kubeconfig()],
      });
    });
  });
}
