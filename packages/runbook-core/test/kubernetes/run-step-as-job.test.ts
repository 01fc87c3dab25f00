import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildJobManifests } from '../../src/kubernetes/job/job-manifests.ts';
import { resolveJobSettings } from '../../src/kubernetes/job/job-settings.ts';
import { runStepAsJob, type JobStepOptions } from '../../src/kubernetes/job/run-step-as-job.ts';
import { FakeKubeApi, sendStatus, type KubeObject } from './fake-kube-api.ts';
import { kubeStep } from './kube-step.ts';

const pods = '/api/v1/namespaces/prod/pods';

/** Waits until `probe` gives something; the test's own timeout bounds it. */
async function until<T>(probe: () => T | undefined | false): Promise<T> {
  for (;;) {
    const value = probe();
    if (value) return value;
    await sleep(5);
  }
}

describe('runStepAsJob (against an in-process fake API, the test playing the job controller and kubelet)', () => {
  let api: FakeKubeApi;
  let options: JobStepOptions;
  const step = kubeStep(
    'echo "checking $SERVICE"\ncurl -H "Authorization: $TOKEN" https://internal/health',
    { name: 'in-cluster-check', runsOn: 'job' },
    { attributes: { image: 'curlimages/curl:8.5.0' } },
  );

  beforeEach(async () => {
    api = await FakeKubeApi.start();
    options = {
      kubeconfig: api.kubeconfig,
      env: {},
      variables: { SERVICE: 'api', TOKEN: 'token-value-1234' },
      secrets: ['TOKEN'],
      pollIntervalMs: 5,
      logGraceMs: 200,
    };
    // The job controller: each new Job gets a pod.
    api.onCreate((resource, object) => {
      if (resource !== 'jobs') return;
      const name = object.metadata!.name!;
      api.put(pods, {
        metadata: { name: `${name}-x7k2p`, labels: { 'job-name': name } },
        spec: { containers: [{ name: 'step' }] },
        status: { phase: 'Pending' },
      });
    });
  });

  afterEach(() => api.close());

  const createdPod = () => until(() => api.names('/api/v1/namespaces/prod/pods')[0]);
  const setContainer = (pod: string, state: Record<string, unknown>, phase: string) =>
    api.update(pods, pod, (object) => {
      object.status = { phase, containerStatuses: [{ name: 'step', ready: phase === 'Running', restartCount: 0, image: 'x', imageID: '', state }] };
    });
  const leftovers = () =>
    ['configmaps', 'secrets', 'pods'].flatMap((kind) => api.names(`/api/v1/namespaces/prod/${kind}`)).concat(api.names('/apis/batch/v1/namespaces/prod/jobs'));

  it('creates ConfigMap, Secret and Job, streams the log with secrets masked, returns the exit code, cleans up', async () => {
    let logResponse: ServerResponse | undefined;
    api.on((request, response) => {
      if (!request.path.endsWith('/log')) return false;
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('checking api\n');
      logResponse = response;
      return true;
    });
    const chunks: string[] = [];
    const running = runStepAsJob(step, { ...options, onOutput: (text) => chunks.push(text) });

    const pod = await createdPod();
    const job = api.get('/apis/batch/v1/namespaces/prod/jobs', pod.replace(/-x7k2p$/, ''))!;
    const configMap = api.get('/api/v1/namespaces/prod/configmaps', job.metadata!.name!)!;
    const secret = api.get('/api/v1/namespaces/prod/secrets', job.metadata!.name!)!;
    assert.deepEqual(configMap.data, { 'step.sh': step.code });
    assert.deepEqual(secret.stringData, { TOKEN: 'token-value-1234' });
    const jobText = JSON.stringify(job);
    assert.ok(!jobText.includes('token-value-1234'), 'the secret value is not in the Job');
    const container = (job.spec as { template: { spec: { containers: Array<Record<string, unknown>> } } }).template.spec.containers[0]!;
    assert.deepEqual(container.envFrom, [{ secretRef: { name: job.metadata!.name } }]);
    assert.deepEqual(container.env, [{ name: 'SERVICE', value: 'api' }]);
    assert.deepEqual(container.command, ['bash', '/runbook/step.sh']);
    assert.equal(container.image, 'curlimages/curl:8.5.0');

    setContainer(pod, { running: { startedAt: new Date().toISOString() } }, 'Running');
    await until(() => logResponse);
    logResponse!.write('auth token-val');
    logResponse!.write('ue-1234 accepted\n');
    logResponse!.end('done');
    setContainer(pod, { terminated: { exitCode: 0, reason: 'Completed' } }, 'Succeeded');

    const result = await running;
    assert.equal(result.failed, false, result.message);
    assert.equal(result.exitCode, 0);
    assert.equal(result.logs, 'streamed');
    assert.equal(result.stdout, 'checking api\nauth *** accepted\ndone');
    assert.equal(chunks.join(''), result.stdout);
    assert.ok(chunks.length >= 2, 'output arrives while the job runs');
    assert.equal(result.job.pod, pod);
    const [logRequest] = api.requestsTo('GET', /\/log$/);
    assert.equal(logRequest!.query.get('follow'), 'true');
    assert.equal(logRequest!.query.get('container'), 'step');
    assert.match(result.command, /^job runbook-in-cluster-check-[a-f0-9]{5} in prod \(curlimages\/curl:8\.5\.0\)$/);
    assert.deepEqual(leftovers(), []);
    assert.deepEqual(result.cleanup.failed, []);
    assert.equal(result.cleanup.deleted.length, 4);
  });

  it('returns a failing exit code with the termination message when no log can be read', async () => {
    api.on((request, response) => {
      if (!request.path.endsWith('/log')) return false;
      sendStatus(response, 400, 'BadRequest', `pod ${request.path.split('/')[6]} does not have a host assigned`);
      return true;
    });
    const running = runStepAsJob(step, options);
    const pod = await createdPod();
    setContainer(pod, { terminated: { exitCode: 3, reason: 'Error', message: 'curl: (6) Could not resolve host' } }, 'Failed');
    const result = await running;
    assert.equal(result.exitCode, 3);
    assert.equal(result.failed, true);
    assert.equal(result.logs, 'termination-message');
    assert.match(result.logsReason ?? '', /does not have a host assigned/);
    assert.equal(result.stdout, 'curl: (6) Could not resolve host\n');
    assert.match(result.shortMessage, /^Job step "in-cluster-check" failed: the step exited with code 3 \(Error\) in pod runbook-/);
    assert.deepEqual(leftovers(), []);
  });

  it('reads the whole log once when the container ended before the stream could start', async () => {
    api.on((request, response) => {
      if (!request.path.endsWith('/log')) return false;
      response.writeHead(200);
      response.end('all of it\n');
      return true;
    });
    const running = runStepAsJob(step, options);
    setContainer(await createdPod(), { terminated: { exitCode: 0 } }, 'Succeeded');
    const result = await running;
    assert.equal(result.logs, 'read');
    assert.equal(result.stdout, 'all of it\n');
    assert.deepEqual(
      api.requestsTo('GET', /\/log$/).map((request) => request.query.get('follow')),
      [null],
    );
  });

  it('deletes the ConfigMap and Secret when creating the Job is forbidden', async () => {
    api.on((request, response) => {
      if (request.method !== 'POST' || !request.path.endsWith('/jobs')) return false;
      sendStatus(
        response,
        403,
        'Forbidden',
        'jobs.batch is forbidden: User "oncall" cannot create resource "jobs" in API group "batch" in the namespace "prod"',
      );
      return true;
    });
    const result = await runStepAsJob(step, options);
    assert.equal(result.failed, true);
    assert.equal(result.failure?.code, 'forbidden');
    assert.match(result.shortMessage, /cannot create job runbook-in-cluster-check-\w+ in prod: jobs\.batch is forbidden: User "oncall" cannot create/);
    assert.equal(result.exitCode, undefined);
    assert.deepEqual(leftovers(), []);
    assert.deepEqual(
      api.requestsTo('DELETE', /./).map((request) => request.path.split('/').slice(-2)[0]),
      ['secrets', 'configmaps'],
    );
  });

  it('cleans up everything on cancel', async () => {
    const controller = new AbortController();
    const running = runStepAsJob(step, { ...options, signal: controller.signal });
    const pod = await createdPod();
    setContainer(pod, { running: {} }, 'Running');
    await until(() => api.requestsTo('GET', /\/pods$/).length > 2);
    controller.abort();
    const result = await running;
    assert.equal(result.isCanceled, true);
    assert.equal(result.failed, true);
    assert.deepEqual(leftovers(), []);
    assert.ok(result.cleanup.deleted.includes(`Pod/${pod}`));
  });

  it('times out a pod that never starts, and cleans up', async () => {
    const result = await runStepAsJob(step, { ...options, timeoutMs: 100 });
    assert.equal(result.timedOut, true);
    assert.equal(result.failed, true);
    assert.deepEqual(leftovers(), []);
    const job = api.requestsTo('POST', /\/jobs$/)[0]!.body as KubeObject;
    assert.equal((job.spec as { activeDeadlineSeconds: number }).activeDeadlineSeconds, 1);
  });

  it('fails at once on an image that cannot be pulled', async () => {
    const running = runStepAsJob(step, options);
    setContainer(await createdPod(), { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "curlimages/curl:8.5.0"' } }, 'Pending');
    const result = await running;
    assert.equal(result.failure?.code, 'job-failed');
    assert.match(result.shortMessage, /cannot start: ImagePullBackOff \(Back-off pulling image/);
    assert.deepEqual(leftovers(), []);
  });

  it('reports a step without image, a bad variable name, an unreachable server, without creating anything', async () => {
    const noImage = await runStepAsJob(kubeStep('echo hi', { runsOn: 'job' }), options);
    assert.match(noImage.shortMessage, /names no image: add image=… to its info string or kubernetes\.job\.image to the frontmatter/);
    const badName = await runStepAsJob(step, { ...options, variables: { 'NOT-VALID': 'x' } });
    assert.match(badName.shortMessage, /variable name 'NOT-VALID' cannot be an environment variable/);
    assert.equal(api.requests.length, 0);
    await api.stopServing();
    const down = await runStepAsJob(step, options);
    assert.equal(down.failure?.code, 'unreachable');
    assert.match(down.shortMessage, /cannot create configmap .* cannot reach the API server http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
  });
});

describe('resolveJobSettings and buildJobManifests', () => {
  const meta = {
    kubernetes: { namespace: 'smartcloudops' },
    raw: { kubernetes: { namespace: 'smartcloudops', job: { image: 'bitnami/kubectl:1.29', serviceAccount: 'runbook', timeout: '5m' } } },
  };

  it("takes the step's attributes over the frontmatter's kubernetes.job, and the runner's over both", () => {
    const fromFrontmatter = resolveJobSettings(kubeStep('kubectl get pods', { runsOn: 'job' }), meta);
    assert.deepEqual(fromFrontmatter, {
      ok: true,
      settings: {
        image: 'bitnami/kubectl:1.29',
        namespace: 'smartcloudops',
        serviceAccount: 'runbook',
        timeoutMs: 300_000,
        interpreter: ['bash'],
        scriptName: 'step.sh',
      },
    });
    const fromStep = resolveJobSettings(
      kubeStep(
        'print(1)',
        { runsOn: 'job', namespace: 'ops', timeoutMs: 30_000 },
        { lang: 'python', attributes: { image: 'python:3.12', serviceAccount: 'checker' } },
      ),
      meta,
      { namespace: 'override' },
    );
    assert.deepEqual(fromStep, {
      ok: true,
      settings: { image: 'python:3.12', namespace: 'override', serviceAccount: 'checker', timeoutMs: 30_000, interpreter: ['python3'], scriptName: 'step.py' },
    });
    const unknown = resolveJobSettings(kubeStep('x', { runsOn: 'job' }, { lang: 'ruby', attributes: { image: 'ruby' } }), meta);
    assert.ok(!unknown.ok);
    assert.match(unknown.reason, /'ruby' is not a language it can run/);
  });

  it('names objects validly and keeps secret values out of the Job', () => {
    const settings = { image: 'busybox', interpreter: ['sh'], scriptName: 'step.sh', timeoutMs: 1500 };
    const manifests = buildJobManifests({
      step: kubeStep('echo $PASSWORD', { name: 'Restart API (prod) — now!', runsOn: 'job' }),
      settings,
      namespace: 'prod',
      env: { MODE: 'safe' },
      secretEnv: { PASSWORD: 'hunter22-secret' },
      suffix: 'abcde',
    });
    assert.equal(manifests.name, 'runbook-restart-api-prod-now-abcde');
    assert.match(manifests.name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    assert.ok(manifests.name.length <= 52);
    assert.ok(!JSON.stringify(manifests.job).includes('hunter22-secret'));
    assert.deepEqual(manifests.secret?.stringData, { PASSWORD: 'hunter22-secret' });
    assert.equal(manifests.job.spec?.backoffLimit, 0);
    assert.equal(manifests.job.spec?.activeDeadlineSeconds, 2);
    const long = buildJobManifests({ step: kubeStep('x', { name: 'n'.repeat(200), runsOn: 'job' }), settings, namespace: 'prod', env: {}, secretEnv: {} });
    assert.ok(long.name.length <= 52, long.name);
    assert.equal(long.secret, undefined);
    assert.equal(long.job.spec?.template.spec?.containers[0]?.envFrom, undefined);
  });
});
