import assert from 'node:assert/strict';
import { join } from 'node:path';
import { formatHealthReport } from '../../src/kubernetes/health/format-health-report.ts';
import { runK8sHealthStep } from '../../src/kubernetes/health/k8s-health-step.ts';
import { kubernetesHealth } from '../../src/kubernetes/health/kubernetes-health.ts';
import { parseQuantity } from '../../src/kubernetes/health/quantity.ts';
import { FakeKubeApi, sendStatus } from './fake-kube-api.ts';
import { kubeStep } from './kube-step.ts';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function node(name: string, ready: 'True' | 'False', extra: { pressure?: string; unschedulable?: boolean } = {}) {
  return {
    metadata: { name, labels: { 'node-role.kubernetes.io/worker': '' } },
    spec: extra.unschedulable ? { unschedulable: true } : {},
    status: {
      conditions: [
        {
          type: 'Ready',
          status: ready,
          reason: ready === 'True' ? 'KubeletReady' : 'KubeletNotReady',
          message: ready === 'True' ? 'ok' : 'PLEG is not healthy',
        },
        { type: 'MemoryPressure', status: extra.pressure === 'MemoryPressure' ? 'True' : 'False' },
      ],
      allocatable: { cpu: '4', memory: '8Gi' },
      nodeInfo: { kubeletVersion: 'v1.20.2' },
    },
  };
}

function pod(namespace: string, name: string, status: Record<string, unknown>) {
  return { metadata: { name, namespace }, spec: { containers: [{ name: 'app', image: 'app:1' }], nodeName: 'node-a' }, status };
}

const running = (ready: boolean, restarts = 0) => ({
  phase: 'Running',
  containerStatuses: [{ name: 'app', ready, restartCount: restarts, image: 'app:1', imageID: '', state: { running: { startedAt: minutesAgo(5) } } }],
});

describe('kubernetesHealth (against an in-process fake API)', () => {
  let api: FakeKubeApi;
  let kubeconfig: string;

  beforeEach(async () => {
    api = await FakeKubeApi.start();
    kubeconfig = api.kubeconfig;
  });
  afterEach(() => api.close());

  function seedHealthyCluster() {
    api.put('/api/v1/nodes', node('node-a', 'True'));
    api.put('/api/v1/namespaces/prod/pods', pod('prod', 'api-1', running(true)));
    const deployment = api.put('/apis/apps/v1/namespaces/prod/deployments', {
      metadata: { name: 'api', annotations: { 'deployment.kubernetes.io/revision': '3' } },
      spec: { replicas: 1, template: { spec: { containers: [] } }, selector: {} },
      status: { replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 },
    });
    for (const revision of [1, 2, 3]) {
      api.put('/apis/apps/v1/namespaces/prod/replicasets', {
        metadata: {
          name: `api-${revision}`,
          annotations: { 'deployment.kubernetes.io/revision': String(revision), 'kubernetes.io/change-cause': `deploy ${revision}` },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: (deployment.metadata as { uid: string }).uid }],
          creationTimestamp: minutesAgo(100 - revision),
        },
        spec: { selector: {}, template: { spec: { containers: [{ name: 'app', image: `api:${revision}` }] } } },
        status: { replicas: revision === 3 ? 1 : 0, readyReplicas: revision === 3 ? 1 : 0 },
      });
    }
  }

  it('reports a healthy cluster as healthy, with rollout history newest first', async () => {
    seedHealthyCluster();
    const report = await kubernetesHealth({ kubeconfig, env: {} });
    assert.equal(report.status, 'healthy', report.summary);
    assert.equal(report.context, 'fake');
    assert.equal(report.namespace, 'prod');
    assert.deepEqual(
      report.nodes.nodes.map((entry) => [entry.name, entry.status, entry.roles]),
      [['node-a', 'Ready', ['worker']]],
    );
    const [rollout] = report.rollouts.deployments;
    assert.deepEqual(
      rollout!.history.map((entry) => [entry.revision, entry.images[0], entry.changeCause, entry.current]),
      [
        [3, 'api:3', 'deploy 3', true],
        [2, 'api:2', 'deploy 2', false],
        [1, 'api:1', 'deploy 1', false],
      ],
    );
    assert.equal(report.usage.status, 'unavailable');
    assert.match(report.usage.reason ?? '', /metrics API \(metrics\.k8s\.io\) is not served/);
    assert.match(report.summary, /^healthy · fake · prod: 1\/1 nodes ready, 0 pods with problems, 1\/1 deployments healthy, 0 warnings$/);
  });

  it('finds what the investigation script looks for: bad nodes, broken pods, stuck rollouts, warnings', async () => {
    seedHealthyCluster();
    api.put('/api/v1/nodes', node('node-b', 'False'));
    api.put('/api/v1/nodes', node('node-c', 'True', { pressure: 'MemoryPressure' }));
    api.put(
      '/api/v1/namespaces/prod/pods',
      pod('prod', 'api-crash', {
        phase: 'Running',
        containerStatuses: [{ name: 'app', ready: false, restartCount: 7, image: 'app:1', imageID: '', state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      }),
    );
    api.put('/api/v1/namespaces/prod/pods', pod('prod', 'api-unready', running(false, 1)));
    api.put('/api/v1/namespaces/batch/pods', pod('batch', 'report-done', { phase: 'Succeeded' }));
    api.put(
      '/api/v1/namespaces/other/pods',
      pod('other', 'pending', {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' }],
      }),
    );
    api.put('/api/v1/namespaces/other/pods', pod('other', 'evicted', { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }));
    api.update('/apis/apps/v1/namespaces/prod/deployments', 'api', (deployment) => {
      deployment.spec = { replicas: 3 };
      deployment.status = {
        replicas: 3,
        updatedReplicas: 3,
        readyReplicas: 1,
        availableReplicas: 1,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      };
    });
    for (const [index, reason] of ['BackOff', 'FailedScheduling', 'Unhealthy'].entries()) {
      api.put('/api/v1/namespaces/prod/events', {
        metadata: { name: `event-${index}` },
        type: 'Warning',
        reason,
        message: `${reason} happened`,
        involvedObject: { kind: 'Pod', name: 'api-crash' },
        count: index + 1,
        lastTimestamp: minutesAgo(10 - index),
      });
    }
    api.put('/api/v1/namespaces/prod/events', {
      metadata: { name: 'normal' },
      type: 'Normal',
      reason: 'Pulled',
      message: 'ok',
      involvedObject: { kind: 'Pod', name: 'api-1' },
    });

    const report = await kubernetesHealth({ kubeconfig, env: {}, events: 2 });
    assert.equal(report.status, 'problems');
    assert.equal(report.nodes.status, 'problem');
    assert.match(report.nodes.reason ?? '', /2 of 3 nodes not ready or under pressure: node-b, node-c/);
    assert.deepEqual(
      report.pods.problems.map((problem) => [`${problem.namespace}/${problem.name}`, problem.ready, problem.reason, problem.restarts]),
      [
        ['other/evicted', '0/1', 'Evicted', 0],
        ['other/pending', '0/1', 'Unschedulable', 0],
        ['prod/api-crash', '0/1', 'CrashLoopBackOff', 7],
        ['prod/api-unready', '0/1', 'NotReady', 1],
      ],
    );
    assert.equal(report.pods.total, 6);
    assert.equal(report.rollouts.status, 'problem');
    assert.match(report.rollouts.reason ?? '', /api: rollout stuck \(ProgressDeadlineExceeded\)/);
    assert.deepEqual(
      report.events.events.map((event) => [event.reason, event.count]),
      [
        ['FailedScheduling', 2],
        ['Unhealthy', 3],
      ],
    );
    assert.equal(report.events.status, 'warning');
    assert.equal(api.requestsTo('GET', /\/events$/)[0]!.query.get('fieldSelector'), 'type=Warning');

    const text = formatHealthReport(report);
    assert.match(text, /KUBERNETES HEALTH: PROBLEMS FOUND/);
    assert.match(text, /node-b\s+NotReady/);
    assert.match(text, /prod\/api-crash\s+0\/1\s+CrashLoopBackOff\s+restarts 7/);
    assert.match(text, /Unhealthy Pod\/api-crash \(x3\): Unhealthy happened/);
  });

  it('reads resource usage from the metrics API, busiest pod first, node usage against allocatable', async () => {
    seedHealthyCluster();
    api.put('/apis/metrics.k8s.io/v1beta1/nodes', { metadata: { name: 'node-a' }, usage: { cpu: '1000m', memory: '2Gi' } });
    api.put('/apis/metrics.k8s.io/v1beta1/namespaces/prod/pods', { metadata: { name: 'quiet' }, containers: [{ usage: { cpu: '5m', memory: '10Mi' } }] });
    api.put('/apis/metrics.k8s.io/v1beta1/namespaces/prod/pods', {
      metadata: { name: 'busy' },
      containers: [{ usage: { cpu: '250000000n', memory: '100Mi' } }, { usage: { cpu: '50m', memory: '1Mi' } }],
    });
    const report = await kubernetesHealth({ kubeconfig, env: {} });
    assert.equal(report.usage.status, 'ok');
    assert.deepEqual(report.usage.nodes, [{ name: 'node-a', cpuMillicores: 1000, memoryBytes: 2 * 2 ** 30, cpuPercent: 25, memoryPercent: 25 }]);
    assert.deepEqual(
      report.usage.pods.map((entry) => [entry.name, entry.cpuMillicores]),
      [
        ['busy', 300],
        ['quiet', 5],
      ],
    );
  });

  it('checks only the namespace when listing pods cluster-wide is forbidden, and says so', async () => {
    seedHealthyCluster();
    api.on((request, response) => {
      if (request.path !== '/api/v1/pods') return false;
      sendStatus(response, 403, 'Forbidden', 'pods is forbidden: User "viewer" cannot list resource "pods" at the cluster scope');
      return true;
    });
    const report = await kubernetesHealth({ kubeconfig, env: {} });
    assert.equal(report.pods.scope, 'namespace');
    assert.equal(report.pods.namespace, 'prod');
    assert.equal(report.pods.status, 'warning');
    assert.match(report.pods.reason ?? '', /listing every namespace is forbidden; checked prod only/);
  });

  it('gives status error with the reason when the server refuses everything or is down, never a throw', async () => {
    api.on((_request, response) => {
      sendStatus(response, 401, 'Unauthorized', 'Unauthorized');
      return true;
    });
    const refused = await kubernetesHealth({ kubeconfig, env: {} });
    assert.equal(refused.status, 'error');
    assert.equal(refused.failure?.code, 'unauthorized');
    assert.match(refused.summary, /rejected the credentials \(HTTP 401\)/);

    await api.stopServing();
    const down = await kubernetesHealth({ kubeconfig, env: {} });
    assert.equal(down.status, 'error');
    assert.equal(down.failure?.code, 'unreachable');
    assert.match(down.failure?.reason ?? '', /cannot reach the API server http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
  });

  it('gives status error for a bad kubeconfig or a missing context', async () => {
    const missing = await kubernetesHealth({ kubeconfig: join(api.dir, 'nope'), env: {} });
    assert.equal(missing.status, 'error');
    assert.equal(missing.failure?.code, 'kubeconfig-not-found');
    const noContext = await kubernetesHealth({ kubeconfig, context: 'elsewhere', env: {} });
    assert.equal(noContext.failure?.code, 'context-missing');
    assert.match(noContext.summary, /context 'elsewhere' is not defined/);
  });

  it('runs as a k8s-health step whose result is data', async () => {
    seedHealthyCluster();
    const step = kubeStep('', { namespace: 'prod' }, { lang: 'k8s-health', attributes: { namespace: 'prod', revisions: '1' } });
    const result = await runK8sHealthStep(step, { kubeconfig, env: {} });
    assert.equal(result.exitCode, 0);
    assert.equal(result.failed, false);
    assert.equal(result.report.rollouts.deployments[0]!.history.length, 1);
    assert.match(result.stdout, /3\. RECENT DEPLOYMENTS \(prod\)/);
    api.put('/api/v1/nodes', node('node-z', 'False'));
    const failing = await runK8sHealthStep(step, { kubeconfig, env: {} });
    assert.equal(failing.exitCode, 1);
    assert.match(failing.message ?? '', /^problems · fake · prod/);
  });

  it('rejects nonsense options by name', async () => {
    await assert.rejects(kubernetesHealth({ kubeconfig, events: 0 }), /option 'events' must be a positive integer, got 0/);
  });
});

describe('parseQuantity', () => {
  it('reads Kubernetes quantities in base units', () => {
    assert.equal(parseQuantity('250m'), 0.25);
    assert.equal(parseQuantity('2'), 2);
    assert.equal(parseQuantity('1500000n'), 0.0015);
    assert.equal(parseQuantity('128Mi'), 128 * 2 ** 20);
    assert.equal(parseQuantity('1G'), 1e9);
    assert.equal(parseQuantity('129e6'), 129e6);
    assert.ok(Number.isNaN(parseQuantity('lots')));
  });
});
