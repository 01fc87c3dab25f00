import assert from 'node:assert/strict';
import { parseRunbook, runStepAsJob, type JobStepOptions, type Runbook, type Step } from '../../packages/runbook-core/src/index.ts';
import type { KubernetesClient } from '../../packages/runbook-core/src/kubernetes/kubernetes-client.ts';
import { until, type KubernetesWorld } from './world.ts';

type Pod = Awaited<ReturnType<KubernetesClient['core']['readNamespacedPod']>>;
type ContainerState = NonNullable<NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number]['state']>;

const runbookText = `---
kubernetes:
  context: prod-test
  namespace: prod
  job:
    image: busybox:1.36
variables:
  API_TOKEN:
    description: token for the internal health endpoint
    secret: true
---

# In-cluster checks

\`\`\`sh {name=probe-api runsOn=job}
echo "checking $SERVICE"
wget -q -O- --header "Authorization: Bearer $API_TOKEN" http://api.prod/health
\`\`\`
`;

export function jobSuite(world: KubernetesWorld): void {
  describe('steps as Jobs, the test playing job controller and kubelet', () => {
    let runbook: Runbook;
    let step: Step;
    const secret = 's3cr3t-token-value';
    const options = (extra: Partial<JobStepOptions> = {}): JobStepOptions => ({
      meta: runbook.meta,
      kubeconfig: world.cluster.kubeconfig,
      env: {},
      variables: { SERVICE: 'api', API_TOKEN: secret },
      pollIntervalMs: 50,
      ...extra,
    });
    const core = () => world.admin.core;
    const managed = { labelSelector: 'app.kubernetes.io/managed-by=runbook' };

    before(() => {
      runbook = parseRunbook(runbookText, { path: 'in-cluster.md' });
      step = runbook.steps[0]!;
    });

    /** What runbook steps left in the namespace: nothing, after every run. */
    async function leftovers(): Promise<string[]> {
      const [jobs, configMaps, secrets, pods] = await Promise.all([
        world.admin.batch.listNamespacedJob({ namespace: 'prod', ...managed }),
        core().listNamespacedConfigMap({ namespace: 'prod', ...managed }),
        core().listNamespacedSecret({ namespace: 'prod', ...managed }),
        core().listNamespacedPod({ namespace: 'prod', labelSelector: 'job-name' }),
      ]);
      const named = (kind: string, items: Array<{ metadata?: { name?: string } }>) => items.map((item) => `${kind}/${item.metadata?.name ?? ''}`);
      // A running pod being deleted stays Terminating until its kubelet has stopped it; there is no kubelet here.
      const live = pods.items.filter((pod) => !pod.metadata?.deletionTimestamp);
      return [...named('Job', jobs.items), ...named('ConfigMap', configMaps.items), ...named('Secret', secrets.items), ...named('Pod', live)];
    }

    // A failed test must not leave its Job for the next one (the runner then ends on the 404s).
    afterEach(async () => {
      for (const entry of await leftovers()) {
        const [kind, name] = entry.split('/') as [string, string];
        const remove =
          kind === 'Job'
            ? world.admin.batch.deleteNamespacedJob({ name, namespace: 'prod' })
            : kind === 'ConfigMap'
              ? core().deleteNamespacedConfigMap({ name, namespace: 'prod' })
              : kind === 'Secret'
                ? core().deleteNamespacedSecret({ name, namespace: 'prod' })
                : core().deleteNamespacedPod({ name, namespace: 'prod', gracePeriodSeconds: 0 });
        await remove.catch(() => undefined);
      }
    });

    /** The job controller's part: a pod for the Job, on the test kubelet's node when logs are wanted. */
    async function startPod(options: { onNode: boolean }): Promise<{ job: string; pod: string }> {
      const job = await until(async () => (await world.admin.batch.listNamespacedJob({ namespace: 'prod', ...managed })).items[0]);
      const name = job.metadata!.name!;
      const spec = structuredClone(job.spec!.template.spec!);
      if (options.onNode) spec.nodeName = world.kubelet.nodeName;
      const pod = `${name}-tst01`;
      await core().createNamespacedPod({
        namespace: 'prod',
        body: {
          metadata: {
            name: pod,
            labels: { ...job.spec!.template.metadata?.labels, 'job-name': name, 'controller-uid': job.metadata!.uid! },
            ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name, uid: job.metadata!.uid!, controller: true }],
          },
          spec,
        },
      });
      return { job: name, pod };
    }

    /** The kubelet's part: the container's state, as `replaceNamespacedPodStatus`. */
    async function setContainer(pod: string, state: ContainerState): Promise<void> {
      const current = await core().readNamespacedPod({ name: pod, namespace: 'prod' });
      const phase = state.running ? 'Running' : state.terminated ? (state.terminated.exitCode === 0 ? 'Succeeded' : 'Failed') : 'Pending';
      current.status = {
        phase,
        containerStatuses: [{ name: 'step', ready: Boolean(state.running), restartCount: 0, image: 'busybox:1.36', imageID: '', state }],
      };
      await core().replaceNamespacedPodStatus({ name: pod, namespace: 'prod', body: current });
    }

    it('creates ConfigMap, Secret and Job, streams the log through the API server, exits with the pod, cleans up', async () => {
      const chunks: string[] = [];
      const running = runStepAsJob(step, options({ onOutput: (text) => chunks.push(text) }));
      const { job, pod } = await startPod({ onNode: true });

      const [configMap, stored, created] = await Promise.all([
        core().readNamespacedConfigMap({ name: job, namespace: 'prod' }),
        core().readNamespacedSecret({ name: job, namespace: 'prod' }),
        world.admin.batch.readNamespacedJob({ name: job, namespace: 'prod' }),
      ]);
      assert.deepEqual(configMap.data, { 'step.sh': step.code });
      assert.equal(Buffer.from(stored.data!.API_TOKEN!, 'base64').toString(), secret);
      assert.ok(!JSON.stringify(created).includes(secret), 'the secret value is not in the Job');
      const container = created.spec!.template.spec!.containers[0]!;
      assert.deepEqual(JSON.parse(JSON.stringify(container.envFrom)), [{ secretRef: { name: job } }]);
      assert.deepEqual(JSON.parse(JSON.stringify(container.env)), [{ name: 'SERVICE', value: 'api' }]);
      assert.deepEqual(container.command, ['sh', '/runbook/step.sh']);
      assert.equal(container.image, 'busybox:1.36');
      const owners = await until(async () => (await core().readNamespacedConfigMap({ name: job, namespace: 'prod' })).metadata?.ownerReferences);
      assert.deepEqual(
        owners.map((owner) => [owner.kind, owner.name, owner.uid]),
        [['Job', job, created.metadata!.uid]],
      );

      await setContainer(pod, { running: { startedAt: new Date() } });
      await until(() => world.kubelet.followers(pod) > 0);
      world.kubelet.write(pod, 'checking api\n');
      await until(() => chunks.length > 0);
      world.kubelet.write(pod, `GET /health with ${secret}: ok\n`);
      world.kubelet.end(pod);
      await setContainer(pod, { terminated: { exitCode: 0, reason: 'Completed' } });

      const result = await running;
      assert.equal(result.failed, false, result.message);
      assert.equal(result.exitCode, 0);
      assert.equal(result.logs, 'streamed');
      assert.equal(result.stdout, 'checking api\nGET /health with ***: ok\n');
      assert.equal(chunks[0], 'checking api\n', 'output arrives while the pod runs');
      assert.equal(result.job.context, 'prod-test');
      assert.deepEqual(await leftovers(), []);
    });

    it("returns the pod's failing exit code, and the termination message when no log can be read", async () => {
      const running = runStepAsJob(step, options());
      const { pod } = await startPod({ onNode: false });
      await setContainer(pod, { terminated: { exitCode: 3, reason: 'Error', message: 'wget: server returned error: HTTP/1.1 503 Service Unavailable\n' } });
      const result = await running;
      assert.equal(result.exitCode, 3);
      assert.equal(result.failed, true);
      assert.equal(result.logs, 'termination-message');
      assert.match(result.logsReason ?? '', /is on no node yet, so it has no log/);
      assert.equal(result.stdout, 'wget: server returned error: HTTP/1.1 503 Service Unavailable\n');
      assert.match(result.shortMessage, /the step exited with code 3 \(Error\)/);
      assert.deepEqual(await leftovers(), []);
    });

    it('deletes the Job, its pod, ConfigMap and Secret on cancel', async () => {
      const controller = new AbortController();
      const running = runStepAsJob(step, options({ signal: controller.signal }));
      const { pod } = await startPod({ onNode: true });
      await setContainer(pod, { running: { startedAt: new Date() } });
      await until(() => world.kubelet.followers(pod) > 0);
      controller.abort();
      const result = await running;
      assert.equal(result.isCanceled, true);
      assert.deepEqual(result.cleanup.failed, []);
      assert.ok(result.cleanup.deleted.includes(`Pod/${pod}`), result.cleanup.deleted.join(', '));
      const terminating = await core().readNamespacedPod({ name: pod, namespace: 'prod' });
      assert.ok(terminating.metadata?.deletionTimestamp, 'the running pod is being stopped (SIGTERM, then SIGKILL after its grace period)');
      assert.deepEqual(await leftovers(), []);
      await core().deleteNamespacedPod({ name: pod, namespace: 'prod', gracePeriodSeconds: 0 });
    });

    it('times out a Job whose pod never starts, with the deadline also set on the Job, and cleans up', async () => {
      const running = runStepAsJob(step, options({ timeoutMs: 1500 }));
      const job = await until(async () => (await world.admin.batch.listNamespacedJob({ namespace: 'prod', ...managed })).items[0]);
      assert.equal(job.spec?.activeDeadlineSeconds, 2);
      const result = await running;
      assert.equal(result.timedOut, true);
      assert.equal(result.failed, true);
      assert.deepEqual(await leftovers(), []);
    });

    it('removes the ConfigMap and Secret it made when the Job may not be created (403)', async () => {
      const result = await runStepAsJob(step, options({ context: 'viewer-test' }));
      assert.equal(result.failure?.code, 'forbidden');
      assert.match(
        result.shortMessage,
        /cannot create job runbook-probe-api-\w+ in prod: jobs\.batch is forbidden: User "viewer" cannot create resource "jobs"/,
      );
      assert.deepEqual(result.cleanup.deleted.map((object) => object.split('/')[0]).sort(), ['ConfigMap', 'Secret']);
      assert.deepEqual(await leftovers(), []);
    });

    it('creates nothing for a user without rights or a server that is down', async () => {
      const limited = await runStepAsJob(step, options({ context: 'limited-test' }));
      assert.equal(limited.failure?.code, 'forbidden');
      assert.match(limited.shortMessage, /cannot create configmap .*configmaps is forbidden: User "limited"/);
      assert.deepEqual(limited.cleanup.deleted, []);
      const down = await runStepAsJob(step, options({ context: 'down-test' }));
      assert.equal(down.failure?.code, 'unreachable');
      assert.match(down.shortMessage, /cannot reach the API server https:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
      assert.deepEqual(await leftovers(), []);
    });
  });
}
