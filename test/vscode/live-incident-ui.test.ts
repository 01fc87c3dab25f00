import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli } from '../../packages/runbook-core/test/cli/cli-harness.ts';
import { cliProcessArgs } from '../../packages/runbook-core/test/session/cli-process.ts';
import { until } from '../kubernetes/world.ts';
import { skipWhenToolMissing } from '../support/system-tools.ts';
import { openSession, type VscodeSession } from './harness/session.ts';

const fence = '```';

// The editor and the CLI on one incident (the file store): what a responder
// does in a terminal shows in an open VS Code without reloading the window,
// and a run waiting for approval asks the person in the editor.
describe('VS Code UI: live with the CLI', () => {
  let session: VscodeSession | undefined;
  const processes: ChildProcess[] = [];

  before(async function () {
    // A cold machine installs code-server and chromium first (minutes).
    this.timeout(30 * 60_000);
    session = await skipWhenToolMissing(this, () =>
      openSession({
        installVsix: true,
        setup: (workspace) => {
          const lines = [
            '---',
            'title: Purge',
            'approvals:',
            '  store: any',
            '---',
            '',
            `${fence}bash {name=purge approve=1}`,
            `touch '${join(workspace, 'purged')}'`,
            fence,
            '',
          ];
          writeFileSync(join(workspace, 'purge.md'), lines.join('\n'));
          // The person at the editor; the CLI below acts as someone else.
          return { RUNBOOK_USER: 'editor-responder' };
        },
      }),
    );
  });

  after(async function () {
    this.timeout(60_000);
    for (const child of processes) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await session?.dispose();
  });

  const cli = (argv: string[]) => runCli(argv, { cwd: session?.workspace ?? '', env: { RUNBOOK_USER: 'cli-responder' } });
  const journalTypes = (id: string): string[] =>
    readFileSync(join(session?.workspace ?? '', '.runbook', 'incidents', id, 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => `${(JSON.parse(line) as { type: string; who: string }).type} ${(JSON.parse(line) as { who: string }).who}`);

  it('a tick and a severity change made by the CLI show in the open editor (lens, status bar) without reloading', async function () {
    this.timeout(5 * 60_000);
    assert.ok(session);
    const { page } = session.browser;
    await page.goto(`${session.server.url}?folder=${encodeURIComponent(session.workspace)}`);
    await page.getByRole('treeitem', { name: 'demo.md' }).click({ timeout: 60_000 });
    await page.locator('.codelens-decoration a', { hasText: '▶ Run step' }).first().waitFor({ timeout: 60_000 });

    const started = await cli(['incident', 'start', '--severity', 'P2', '--title', 'Started in a terminal', '--format', 'json']);
    assert.equal(started.code, 0, started.stderr);
    const id = (JSON.parse(started.stdout) as { id: string }).id;
    await page
      .locator('.statusbar-item', { hasText: `${id} · P2` })
      .first()
      .waitFor({ timeout: 60_000 });
    await page.locator('.codelens-decoration a', { hasText: '☐ Tick' }).first().waitFor({ timeout: 60_000 });

    const ticked = await cli(['check', 'demo.md', 'Say hello']);
    assert.equal(ticked.code, 0, ticked.stderr);
    await page.locator('.codelens-decoration a', { hasText: '☑ Untick' }).first().waitFor({ timeout: 60_000 });

    const raised = await cli(['incident', 'severity', 'P1']);
    assert.equal(raised.code, 0, raised.stderr);
    await page
      .locator('.statusbar-item', { hasText: `${id} · P1` })
      .first()
      .waitFor({ timeout: 60_000 });
    assert.ok(journalTypes(id).includes('checklist-ticked cli-responder'));
  });

  it('a run waiting for approval in a terminal shows a notification in the editor; its Approve lets the run go on', async function () {
    this.timeout(5 * 60_000);
    assert.ok(session);
    const { page } = session.browser;
    const child = spawn(process.execPath, [...cliProcessArgs, 'run', 'purge.md', '--step', 'purge', '--yes'], {
      cwd: session.workspace,
      env: cleanEnv(session.workspace, { RUNBOOK_USER: 'cli-responder' }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    processes.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const requestId = await until(() => /waiting for approval: runbook approve ([0-9a-f]{8})/.exec(stderr)?.[1]);

    const toast = page.locator('.notification-toast', { hasText: 'cli-responder asks approval to run "purge"' });
    await toast.first().waitFor({ timeout: 60_000 });
    await toast.first().locator('.monaco-button', { hasText: 'Approve' }).click();

    assert.equal(await exited, 0, stderr);
    const id = readFileSync(join(session.workspace, '.runbook', 'current'), 'utf8').trim();
    const types = journalTypes(id);
    assert.ok(types.includes('approval-requested cli-responder'), types.join('\n'));
    assert.ok(types.includes('approval-granted editor-responder'), types.join('\n'));
    assert.match(readFileSync(join(session.workspace, '.runbook', 'incidents', id, 'journal.jsonl'), 'utf8'), new RegExp(`"requestId":"${requestId}"`));
  });
});
