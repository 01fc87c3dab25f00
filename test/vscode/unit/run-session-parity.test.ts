import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StepReport } from '../../../packages/runbook-core/src/index.ts';
import { startIncident } from '../../../packages/runbook-core/src/incident/index.ts';
import { openRunSession } from '../../../packages/runbook-core/src/session/index.ts';
import { cleanEnv, journal, runCli } from '../../../packages/runbook-core/test/cli/cli-harness.ts';
import { fakeKubectl, writeKubeconfig } from '../../../packages/runbook-core/test/session/session-fixtures.ts';
import { editorIO, type EditorPrompts } from '../../../packages/vscode-extension/src/run/editor-io.ts';

const fence = '```';
const token = 's3cr3t-Parity-4b9e';

const runbook = [
  '---',
  'title: Parity',
  'kubernetes:',
  '  context: production',
  'variables:',
  '  API_TOKEN: { description: Token of the status API, secret: true }',
  '---',
  '',
  `${fence}bash {name=read-step}`,
  'echo "reading"',
  fence,
  '',
  `${fence}bash {name=export-step}`,
  'export REGION=eu-west-1',
  'export AUTH="Bearer $API_TOKEN"',
  'echo "auth ready for $REGION: $AUTH"',
  fence,
  '',
  `${fence}bash {name=delete-pod}`,
  'kubectl delete pod x',
  fence,
  '',
].join('\n');

const steps = ['read-step', 'export-step', 'delete-pod'];

/** A workspace with the runbook, a kubeconfig whose current context is staging, and a kubectl that leaves a mark. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-parity-'));
  writeFileSync(join(dir, 'parity.md'), runbook);
  const marker = join(dir, 'kubectl-ran');
  const env = cleanEnv(dir, { PATH: `${fakeKubectl(dir, marker)}:${process.env.PATH}`, KUBECONFIG: writeKubeconfig(dir, 'staging') });
  return { dir, marker, env };
}

/** Events without what differs by run: ids, times, the journal's chain, durations, the runner's pid, the workspace, the log file's time stamp. */
function comparable(events: Array<Record<string, unknown>>, dir: string): Array<Record<string, unknown>> {
  return events
    .filter((event) => event.type !== 'started')
    .map(({ v: _v, eventId: _id, time: _time, prev: _prev, durationMs: _duration, runnerPid: _pid, ...rest }) => ({
      ...rest,
      ...(typeof rest.reason === 'string' ? { reason: rest.reason.replaceAll(dir, '<workspace>') } : {}),
      ...(typeof rest.logFile === 'string'
        ? { logFile: rest.logFile.replace(/^logs\/[^-]+(?:-[^-]+)*?-(?=read-step|export-step|delete-pod)/, 'logs/<time>-') }
        : {}),
    }));
}

describe('one run policy: the CLI and the editor journal the same events', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('a read step, an exporting step with a secret, and a wrong-context step refused', async () => {
    // The CLI: one process per click, the secret given with --var where a step reads it.
    const cli = workspace();
    dirs.push(cli.dir);
    const cliIncident = (await startIncident({ workspace: cli.dir, severity: 'P2', title: 'Parity', who: 'tester' })).id;
    const cliCodes: number[] = [];
    for (const step of steps) {
      const vars = step === 'export-step' ? ['--var', `API_TOKEN=${token}`] : [];
      const result = await runCli(['run', 'parity.md', '--step', step, '--yes', '--incident', cliIncident, ...vars], { cwd: cli.dir, env: cli.env });
      cliCodes.push(result.code);
      assert.ok(!result.stdout.includes(token) && !result.stderr.includes(token));
    }

    // The editor: the extension's IO adapter with its prompts answered as a person would.
    const editor = workspace();
    dirs.push(editor.dir);
    const editorIncident = (await startIncident({ workspace: editor.dir, severity: 'P2', title: 'Parity', who: 'tester' })).id;
    const asked: string[] = [];
    const prompts: EditorPrompts = {
      askValue: async (request) => {
        asked.push(request.name);
        return request.name === 'API_TOKEN' ? token : undefined;
      },
      confirm: async () => true,
      chooseAlternative: async () => undefined,
    };
    const reports: StepReport[] = [];
    let carried: Record<string, string> = {};
    let output = '';
    for (const step of steps) {
      const opened = await openRunSession({
        runbook: { file: join(editor.dir, 'parity.md') },
        incident: { workspace: editor.dir, id: editorIncident },
        env: editor.env,
        earlierExports: carried,
      });
      assert.ok(opened.ok);
      const io = editorIO(prompts, { output: (_stream, text) => (output += text), ended: (report) => reports.push(report) }, new AbortController().signal);
      await opened.session.run([step], io);
      carried = { ...carried, ...opened.session.exports() };
    }

    assert.deepEqual(cliCodes, [0, 0, 3]);
    assert.deepEqual(
      reports.map((report) => report.status),
      ['succeeded', 'succeeded', 'refused'],
    );
    assert.deepEqual(asked, ['API_TOKEN']);
    assert.ok(!output.includes(token));
    assert.match(output, /auth ready for eu-west-1: Bearer \*\*\*/);
    assert.match(reports[2]!.message, /expects context 'production' but `kubectl delete pod x` .*would run against 'staging'/);
    assert.equal(existsSync(cli.marker) || existsSync(editor.marker), false, 'kubectl never ran');

    const cliEvents = comparable(journal(cli.dir, cliIncident), cli.dir);
    const editorEvents = comparable(journal(editor.dir, editorIncident), editor.dir);
    assert.deepEqual(editorEvents, cliEvents);
    assert.deepEqual(
      cliEvents.map((event) => event.type),
      ['step-started', 'step-finished', 'variable-set', 'step-started', 'step-finished', 'variable-set', 'variable-set', 'step-refused'],
    );
    assert.ok(!readFileSync(join(editor.dir, '.runbook', 'incidents', editorIncident, 'journal.jsonl'), 'utf8').includes(token));
  });
});
