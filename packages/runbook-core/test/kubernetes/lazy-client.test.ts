import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const door = new URL('../../src/index.ts', import.meta.url).pathname;
const cli = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const hook = new URL('./fixtures/report-client-node.mjs', import.meta.url).href;

/** Runs `code` in a fresh process that reports every load of @kubernetes/client-node on stderr. */
function withLoadReport(code: string): { stdout: string; stderr: string } {
  const script = `import { register } from 'node:module'; register(${JSON.stringify(hook)}); ${code}`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return { stdout: run.stdout, stderr: run.stderr };
}

describe('the Kubernetes client is loaded only when a cluster is called', () => {
  it('stays unloaded through the library door, the guard and `runbook k8s --help`, and loads for a health check', () => {
    const { stdout, stderr } = withLoadReport(`
      const core = await import(${JSON.stringify(door)});
      const step = core.parseRunbook('# x\\n\\n\`\`\`bash\\nkubectl get pods\\n\`\`\`\\n').steps[0];
      await core.checkStepContext(step, { meta: { kubernetes: { context: 'prod' } }, env: { KUBECONFIG: '/nonexistent' } });
      const { main } = await import(${JSON.stringify(cli)});
      const out = { write() { return true; } };
      await main(['k8s', '--help'], { cwd: '/', env: {}, stdin: process.stdin, stdout: out, stderr: out, interactive: false, color: false });
      process.stderr.write('-- now a health check --\\n');
      const report = await core.kubernetesHealth({ kubeconfig: '/nonexistent', env: {} });
      await core.createKubernetesClient({ kubeconfig: ${JSON.stringify(new URL('./fixtures/closed-port.kubeconfig', import.meta.url).pathname)} });
      console.log(report.status);
    `);
    const [before, after = ''] = stderr.split('-- now a health check --\n');
    assert.doesNotMatch(before!, /client-node loaded/);
    assert.match(after, /client-node loaded: @kubernetes\/client-node/);
    assert.equal(stdout.trim(), 'error');
  });
});
