import assert from 'node:assert/strict';
import { FakeKubeApi, type KubeObject } from '../kubernetes/fake-kube-api.ts';
import { incidentFiles, journal, runCli, startIncident, useWorkspace } from './cli-harness.ts';

const pods = '/api/v1/namespaces/prod/pods';
const token = 'job-token-6b1e93';

describe('runbook run: a runsOn=job step as a Kubernetes Job (fake API, the test playing controller and kubelet)', () => {
  const workspace = useWorkspace('job.md');
  let api: FakeKubeApi;
  const created: Array<{ resource: string; object: KubeObject }> = [];

  beforeEach(async () => {
    created.length = 0;
    api = await FakeKubeApi.start();
    api.onCreate((resource, object) => {
      created.push({ resource, object: structuredClone(object) });
      if (resource !== 'jobs') return;
      // The pod ran and ended at once; its log is served below.
      const name = object.metadata!.name!;
      api.put(pods, {
        metadata: { name: `${name}-pod`, labels: { 'job-name': name } },
        spec: { containers: [{ name: 'step' }] },
        status: {
          phase: 'Succeeded',
          containerStatuses: [
            { name: 'step', ready: false, restartCount: 0, image: 'busybox:1.36', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
        },
      });
    });
    api.on((request, response) => {
      if (!request.path.endsWith('/log')) return false;
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(`checking api for the incident with ${token}\n`);
      return true;
    });
  });
  afterEach(() => api.close());

  it('sends only the values the step reads (secrets in a Secret), streams the log redacted and records the run', async () => {
    const id = await startIncident(workspace.dir);
    const result = await runCli(['run', 'job.md', '--var', `API_TOKEN=${token}`], {
      cwd: workspace.dir,
      env: { KUBECONFIG: api.kubeconfig, UNRELATED_LOCAL: 'laptop-only' },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'checking api for the incident with ***\n');
    const job = created.find((entry) => entry.resource === 'jobs')?.object;
    const secret = created.find((entry) => entry.resource === 'secrets')?.object;
    assert.ok(job, 'a Job was created');
    const container = (job.spec as { template: { spec: { containers: Array<{ env: Array<{ name: string; value: string }> }> } } }).template.spec.containers[0]!;
    assert.deepEqual(container.env.map((entry) => entry.name).sort(), ['INCIDENT_ID', 'INCIDENT_SEVERITY', 'INCIDENT_STARTED_AT', 'INCIDENT_TITLE', 'SERVICE']);
    assert.deepEqual(secret?.stringData, { API_TOKEN: token });
    assert.ok(!JSON.stringify(job).includes(token));
    const finished = journal(workspace.dir, id).find((event) => event.type === 'step-finished');
    assert.equal(finished?.exitCode, 0);
    assert.ok(!incidentFiles(workspace.dir, id).includes(token));
    assert.match(incidentFiles(workspace.dir, id), /checking api for the incident with \*\*\*/);
  });
});
