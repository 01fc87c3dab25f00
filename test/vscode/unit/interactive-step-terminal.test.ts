import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunSession } from '../../../packages/runbook-core/src/session/index.ts';
import { cleanEnv } from '../../../packages/runbook-core/test/cli/cli-harness.ts';
import { type EditorOutput, type EditorPrompts, editorIO } from '../../../packages/vscode-extension/src/run/editor-io.ts';

const fence = '```';
const runbook = [
  '# Interactive',
  '',
  `${fence}bash {name=ask interactive=true}`,
  'read -r answer',
  'echo "got:$answer"',
  'if [ -t 0 ]; then echo on-a-terminal; fi',
  fence,
  '',
].join('\n');

const prompts: EditorPrompts = {
  askValue: async () => undefined,
  confirm: async () => false,
  chooseAlternative: async () => undefined,
};

// The editor's terminal is a real one for an interactive step: what is typed there reaches the step.
describe('editor: an interactive step runs in the terminal the editor gives it', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-editor-pty-'));
    writeFileSync(join(dir, 'interactive.md'), runbook);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(output: EditorOutput) {
    const opened = await openRunSession({ runbook: { file: join(dir, 'interactive.md') }, env: cleanEnv(dir), who: 'tester' });
    assert.ok(opened.ok, opened.ok ? '' : opened.message);
    return opened.session.run(['ask'], editorIO(prompts, output, new AbortController().signal));
  }

  it('keys typed into the terminal reach the step, which sees a tty', async () => {
    let shown = '';
    const report = await run({
      output: (_stream, text) => {
        shown += text;
      },
      ended: () => {},
      terminal: { columns: 100, rows: 30, input: (write) => setTimeout(() => write('yes please\r'), 200) },
    });
    assert.equal(report.exitCode, 0, shown);
    assert.match(shown, /got:yes please/);
    assert.match(shown, /on-a-terminal/);
  });

  it('without a terminal the step is refused, saying why', async () => {
    const report = await run({ output: () => {}, ended: () => {} });
    assert.equal(report.steps[0]?.status, 'refused');
    assert.match(report.steps[0]?.message ?? '', /interactive.*needs a terminal/);
  });
});
