import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadIncident, startIncident } from '../../src/incident/index.ts';
import { openRunSession, type RunSession } from '../../src/session/index.ts';
import { journal, runCli, startIncident as startIncidentByCli } from '../cli/cli-harness.ts';
import { fakeKubectl, scriptedIO, useTempDir, writeKubeconfig } from './session-fixtures.ts';

const fence = '```';

async function open(dir: string, file: string, env: NodeJS.ProcessEnv, incident?: string): Promise<RunSession> {
  const opened = await openRunSession({
    runbook: { file: join(dir, file) },
    env,
    who: 'tester',
    ...(incident === undefined ? {} : { incident: { workspace: dir, id: incident } }),
  });
  assert.ok(opened.ok, opened.ok ? '' : opened.message);
  return opened.session;
}

async function newIncident(dir: string): Promise<string> {
  return (await startIncident({ workspace: dir, severity: 'P2', title: 'Session test', who: 'tester' })).id;
}

describe('run session: a frontmatter that does not parse fails closed', () => {
  const workspace = useTempDir('runbook-session-');
  const broken = [
    '---',
    'title: Broken',
    'kubernetes:',
    '  context: production',
    '  namespace: [shop',
    '---',
    '',
    `${fence}bash {name=hello}`,
    'echo hello',
    fence,
    '',
  ].join('\n');

  it('the library refuses to open the session, with file:line:col and the cause', async () => {
    writeFileSync(join(workspace.dir, 'broken.md'), broken);
    const opened = await openRunSession({ runbook: { file: join(workspace.dir, 'broken.md') } });
    assert.equal(opened.ok, false);
    assert.ok(!opened.ok);
    assert.equal(opened.exitCode, 2);
    assert.match(opened.message, /broken\.md:\d+:\d+: invalid YAML frontmatter: .+; no step of it runs until the frontmatter parses/);
  });

  for (const command of ['run', 'plan']) {
    it(`runbook ${command} exits 2 naming the position, and runs nothing`, async () => {
      writeFileSync(join(workspace.dir, 'broken.md'), broken.replace('echo hello', `touch '${join(workspace.dir, 'ran')}'`));
      const result = await runCli([command, 'broken.md', '--step', 'hello'], { cwd: workspace.dir });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /^runbook \w+: broken\.md:[2-6]:\d+: invalid YAML frontmatter/);
      assert.equal(existsSync(join(workspace.dir, 'ran')), false);
    });
  }

  it('a kubernetes entry that cannot be read refuses cluster steps, and only them', async () => {
    const marker = join(workspace.dir, 'kubectl-ran');
    const bin = fakeKubectl(workspace.dir, marker);
    const kubeconfig = writeKubeconfig(workspace.dir, 'staging');
    writeFileSync(
      join(workspace.dir, 'odd.md'),
      [
        '---',
        'kubernetes: production',
        '---',
        '',
        `${fence}bash {name=local}`,
        'echo local',
        fence,
        '',
        `${fence}bash {name=pods}`,
        'kubectl get pods',
        fence,
        '',
      ].join('\n'),
    );
    const session = await open(workspace.dir, 'odd.md', { PATH: `${bin}:${process.env.PATH}`, KUBECONFIG: kubeconfig });
    const local = await session.run(['local'], scriptedIO({ interactive: false }));
    assert.equal(local.exitCode, 0);
    const io = scriptedIO({ interactive: false });
    const pods = await session.run(['pods'], io);
    assert.equal(pods.exitCode, 3);
    assert.match(
      io.reports[0]!.message,
      /pods refused: step 'pods' reaches a cluster, but its frontmatter's kubernetes entry cannot be read \(\S*odd\.md:2:\d+: kubernetes/,
    );
    assert.equal(existsSync(marker), false);
  });
});

describe('run session: the context guard', () => {
  const workspace = useTempDir('runbook-session-');
  const runbook = (frontmatter: string[]) =>
    [
      '---',
      ...frontmatter,
      '---',
      '',
      `${fence}bash {name=pods}`,
      'kubectl get pods',
      fence,
      '',
      `${fence}bash {name=delete-pod}`,
      'kubectl delete pod x',
      fence,
      '',
    ].join('\n');

  it('refuses a wrong-context step for a library caller, naming both contexts; kubectl never runs', async () => {
    const marker = join(workspace.dir, 'kubectl-ran');
    const env = { PATH: `${fakeKubectl(workspace.dir, marker)}:${process.env.PATH}`, KUBECONFIG: writeKubeconfig(workspace.dir, 'staging') };
    writeFileSync(join(workspace.dir, 'kube.md'), runbook(['kubernetes:', '  context: production']));
    const id = await newIncident(workspace.dir);
    const session = await open(workspace.dir, 'kube.md', env, id);
    const io = scriptedIO({ confirm: true });
    const report = await session.run(['delete-pod'], io);
    assert.equal(report.exitCode, 3);
    assert.match(io.reports[0]!.message, /expects context 'production' but `kubectl delete pod x` .*would run against 'staging'/);
    assert.deepEqual(io.asked, [], 'a refused step is not even offered for confirmation');
    assert.equal(existsSync(marker), false);
    const refused = journal(workspace.dir, id).filter((event) => event.type === 'step-refused');
    assert.equal(refused.length, 1);
    assert.match(String(refused[0]!.reason), /'production'.*'staging'/);
  });

  it('pins the context of the first cluster step when the runbook declares none, and refuses a later step reaching another', async () => {
    const marker = join(workspace.dir, 'kubectl-ran');
    const bin = fakeKubectl(workspace.dir, marker);
    writeFileSync(join(workspace.dir, 'kube.md'), runbook(['title: No context declared']));
    const id = await newIncident(workspace.dir);
    const staging = { PATH: `${bin}:${process.env.PATH}`, KUBECONFIG: writeKubeconfig(workspace.dir, 'staging') };
    const first = await (await open(workspace.dir, 'kube.md', staging, id)).run(['pods'], scriptedIO({}));
    assert.equal(first.exitCode, 0, JSON.stringify(first));
    const pinned = journal(workspace.dir, id).filter((event) => event.type === 'context-pinned');
    assert.deepEqual(
      pinned.map((event) => [event.context, event.stepId]),
      [['staging', 'pods']],
    );
    assert.deepEqual((await loadIncident(id, { workspace: workspace.dir })).pinnedContext, { context: 'staging' });

    // Another process, the kubeconfig switched meanwhile: the pin holds.
    writeKubeconfig(workspace.dir, 'production');
    const io = scriptedIO({ confirm: true });
    const later = await (await open(workspace.dir, 'kube.md', staging, id)).run(['delete-pod'], io);
    assert.equal(later.exitCode, 3);
    assert.match(
      io.reports[0]!.message,
      /expects context 'staging' but `kubectl delete pod x` .*would run against 'production'.*\(the incident is pinned to 'staging', the context its first cluster step used\)/,
    );
    assert.equal(readFileSync(marker, 'utf8'), 'kubectl get pods\n', 'only the first step reached kubectl');
  });

  it('a context given at `incident start --context` is the pin', async () => {
    const marker = join(workspace.dir, 'kubectl-ran');
    const bin = fakeKubectl(workspace.dir, marker);
    writeFileSync(join(workspace.dir, 'kube.md'), runbook(['title: No context declared']));
    const id = await startIncidentByCli(workspace.dir, '--context', 'production');
    const env = { PATH: `${bin}:${process.env.PATH}`, KUBECONFIG: writeKubeconfig(workspace.dir, 'staging') };
    const io = scriptedIO({});
    const report = await (await open(workspace.dir, 'kube.md', env, id)).run(['pods'], io);
    assert.equal(report.exitCode, 3);
    assert.match(
      io.reports[0]!.message,
      /expects context 'production' but `kubectl get pods` .*would run against 'staging'.*the incident is pinned to 'production'/,
    );
    assert.equal(existsSync(marker), false);
  });
});

describe('run session: a block of alternatives', () => {
  const workspace = useTempDir('runbook-session-');
  const menu = [
    '## Recovery options',
    '',
    `${fence}bash {name=recover}`,
    '# 1. Restart',
    'echo restart >> "$OUT"',
    'rm -f "$OUT.lock"',
    '# 2. Roll back',
    'echo rollback >> "$OUT"',
    'rm -f "$OUT.old"',
    fence,
    '',
  ].join('\n');

  it('without a person to choose, refuses listing them with a --command hint; nothing runs', async () => {
    writeFileSync(join(workspace.dir, 'menu.md'), menu);
    const out = join(workspace.dir, 'out.txt');
    const result = await runCli(['run', 'menu.md', '--step', 'recover', '--yes'], { cwd: workspace.dir, env: { OUT: out } });
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, /holds 2 alternatives \(1[-,]2 \(1\. Restart\); 3[-,]4 \(2\. Roll back\)\).*--command 1/);
    assert.equal(existsSync(out), false);
  });

  it('runs only the alternative chosen', async () => {
    writeFileSync(join(workspace.dir, 'menu.md'), menu);
    const out = join(workspace.dir, 'out.txt');
    const io = scriptedIO({ alternative: 1, confirm: true });
    const report = await (await open(workspace.dir, 'menu.md', { ...process.env, OUT: out })).run(['recover'], io);
    assert.equal(report.exitCode, 0, JSON.stringify(report));
    assert.equal(io.asked[0], 'alternatives 1. Restart | 2. Roll back (4 risky)');
    assert.equal(readFileSync(out, 'utf8'), 'rollback\n');
    assert.deepEqual(report.steps[0]!.commands, [3, 4]);
  });

  it('runs them all only on an explicit "all"; no choice runs nothing', async () => {
    writeFileSync(join(workspace.dir, 'menu.md'), menu);
    const out = join(workspace.dir, 'out.txt');
    const env = { ...process.env, OUT: out };
    const none = await (await open(workspace.dir, 'menu.md', env)).run(['recover'], scriptedIO({ alternative: undefined, confirm: true }));
    assert.equal(none.exitCode, 3);
    assert.equal(existsSync(out), false);
    const all = await (await open(workspace.dir, 'menu.md', env)).run(['recover'], scriptedIO({ alternative: 'all', confirm: true }));
    assert.equal(all.exitCode, 0);
    assert.equal(readFileSync(out, 'utf8'), 'restart\nrollback\n');
  });
});

describe('run session: values and secrets', () => {
  const workspace = useTempDir('runbook-session-');

  it('a value exported from a secret stays secret: redacted in output, journaled by name only', async () => {
    const token = 's3cr3t-Value-7e21';
    writeFileSync(
      join(workspace.dir, 'secret.md'),
      [
        '---',
        'variables:',
        '  API_TOKEN: { description: Token, secret: true }',
        '---',
        '',
        `${fence}bash {name=make-header}`,
        'export AUTH="Bearer $API_TOKEN"',
        'export REGION=eu-west-1',
        fence,
        '',
        `${fence}bash {name=use-header}`,
        'echo "header: $AUTH in $REGION"',
        fence,
        '',
      ].join('\n'),
    );
    const id = await newIncident(workspace.dir);
    const io = scriptedIO({ values: { API_TOKEN: token } });
    const report = await (await open(workspace.dir, 'secret.md', { PATH: process.env.PATH }, id)).run(['make-header', 'use-header'], io);
    assert.equal(report.exitCode, 0, JSON.stringify(report));
    assert.deepEqual(io.asked, ['value API_TOKEN']);
    assert.equal(io.output, 'header: *** in eu-west-1\n');
    const variables = journal(workspace.dir, id).filter((event) => event.type === 'variable-set');
    assert.deepEqual(
      variables.map((event) => [event.name, event.secret, event.value]),
      [
        ['API_TOKEN', true, undefined],
        ['AUTH', true, undefined],
        ['REGION', false, 'eu-west-1'],
      ],
    );
    assert.ok(!readFileSync(join(workspace.dir, '.runbook', 'incidents', id, 'journal.jsonl'), 'utf8').includes(token));
  });
});

describe('run session: a run whose runner died', () => {
  const workspace = useTempDir('runbook-session-');

  it('reads as interrupted when the runner that journaled "started" is gone; a live runner stays running', async () => {
    const id = await newIncident(workspace.dir);
    const { recordEvent } = await import('../../src/incident/index.ts');
    const { hostname } = await import('node:os');
    const { spawnSync } = await import('node:child_process');
    // A pid that existed and is gone: a process that ran and exited.
    const gone = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim();
    const options = { workspace: workspace.dir, who: 'tester' };
    await recordEvent(id, { type: 'step-started', stepId: 'dead', runnerPid: Number(gone), runnerHost: hostname() }, options);
    await recordEvent(id, { type: 'step-started', stepId: 'alive', runnerPid: process.pid, runnerHost: hostname() }, options);
    const state = await loadIncident(id, { workspace: workspace.dir });
    assert.equal(state.steps.get('dead')?.status, 'failed');
    assert.equal(state.steps.get('dead')?.canceled, true);
    assert.match(state.steps.get('dead')?.interrupted ?? '', new RegExp(`runner \\(pid ${gone}\\) ended without recording the end`));
    assert.equal(state.steps.get('alive')?.status, 'running');
  });
});
