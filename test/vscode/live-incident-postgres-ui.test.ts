import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initStore } from '../../packages/runbook-core/src/incident/postgres/init-store.ts';
import { cleanEnv } from '../../packages/runbook-core/test/cli/cli-harness.ts';
import { cliProcessArgs } from '../../packages/runbook-core/test/session/cli-process.ts';
import { until } from '../kubernetes/world.ts';
import { type PostgresSettings, sharedPostgres, type TestDatabase, withClient } from '../support/postgres-server.ts';
import { skipWhenToolMissing } from '../support/system-tools.ts';
import { artifactsDir } from './harness/artifacts.ts';
import { openSession, type VscodeSession } from './harness/session.ts';

const fence = '```';

interface RunningCli {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

// The editor and the CLI on one incident in the shared PostgreSQL store, each
// logged in as a database role of its own and working in a folder of its own:
// what the other responder records reaches the open VS Code through the
// database alone, without reloading the window.
describe('VS Code UI: live with the CLI on PostgreSQL', () => {
  let session: VscodeSession | undefined;
  let database: TestDatabase;
  let editorRole: PostgresSettings;
  let cliRole: PostgresSettings;
  let cliFolder: string | undefined;
  const processes: ChildProcess[] = [];

  before(async function () {
    // A cold machine installs code-server and chromium first (minutes).
    this.timeout(30 * 60_000);
    const server = await sharedPostgres(this);
    database = await server.createDatabase();
    editorRole = await database.createRole('editor');
    cliRole = await database.createRole('terminal');
    const people = { [editorRole.user]: 'Erin Editor', [cliRole.user]: 'Tomas Terminal' };
    await withClient(database.admin, (client) => initStore(client, { grant: [editorRole.user, cliRole.user], people }));
    // The URL carries no user or password: each process logs in with its own PGUSER / PGPASSWORD.
    const config = JSON.stringify({ store: `postgres://${database.admin.host}:${database.admin.port}/${database.name}` }, null, 2);

    cliFolder = mkdtempSync(join(tmpdir(), 'runbook-pg-terminal-'));
    writeFileSync(join(cliFolder, 'runbook.config.json'), config);
    session = await skipWhenToolMissing(this, () =>
      openSession({
        installVsix: true,
        setup: (workspace) => {
          writeFileSync(join(workspace, 'runbook.config.json'), config);
          const purge = ['---', 'title: Purge', 'approvals:', '  store: any', '---', '', `${fence}bash {name=purge approve=1}`, 'true', fence, ''];
          writeFileSync(join(workspace, 'purge.md'), purge.join('\n'));
          for (const file of ['demo.md', 'purge.md']) copyFileSync(join(workspace, file), join(cliFolder ?? '', file));
          // RUNBOOK_USER claims another name on purpose: the database's role decides who acted.
          return { PGUSER: editorRole.user, PGPASSWORD: editorRole.password, RUNBOOK_USER: 'claimed-by-environment' };
        },
      }),
    );
  });

  afterEach(async function () {
    // A picture of the window when a step failed, for the report.
    if (this.currentTest?.state === 'failed' && session !== undefined) {
      await session.browser.page.screenshot({ path: join(artifactsDir(), 'live-incident-postgres-failure.png') }).catch(() => undefined);
    }
  });

  after(async function () {
    this.timeout(60_000);
    for (const child of processes) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await session?.dispose();
    if (cliFolder !== undefined) rmSync(cliFolder, { recursive: true, force: true });
  });

  /** `runbook …` as its own process, logged in as `role`, in `cwd`. */
  function runbook(role: PostgresSettings, cwd: string, argv: string[]): RunningCli {
    const env = cleanEnv(cwd, { PGUSER: role.user, PGPASSWORD: role.password, RUNBOOK_USER: 'claimed-by-environment' });
    const child = spawn(process.execPath, [...cliProcessArgs, ...argv], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    processes.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on('exit', (code) => resolve({ code, stdout, stderr })),
    );
    return { child, stderr: () => stderr, exited };
  }

  const whoDid = async (id: string, type: string): Promise<string[]> =>
    (
      await database.query<{ who: string }>("SELECT who FROM runbook.events WHERE incident_id = $1 AND body::jsonb ->> 'type' = $2 ORDER BY position", [
        id,
        type,
      ])
    ).map((row) => row.who);

  let id: string;

  it("a tick the CLI records under another role shows in the open editor's checklist lens without reloading", async function () {
    this.timeout(5 * 60_000);
    assert.ok(session && cliFolder);
    const { page } = session.browser;
    // The editor's responder declares the incident from a terminal in the editor's folder, before the window opens.
    const started = await runbook(editorRole, session.workspace, ['incident', 'start', '--severity', 'P2', '--title', 'Checkout errors', '--format', 'json'])
      .exited;
    assert.equal(started.code, 0, started.stderr);
    id = (JSON.parse(started.stdout) as { id: string }).id;
    await page.goto(`${session.server.url}?folder=${encodeURIComponent(session.workspace)}`);
    await page.getByRole('treeitem', { name: 'demo.md' }).click({ timeout: 60_000 });
    await page
      .locator('.statusbar-item', { hasText: `${id} · P2` })
      .first()
      .waitFor({ timeout: 60_000 });
    await page.locator('.codelens-decoration a', { hasText: '☐ Tick' }).first().waitFor({ timeout: 60_000 });

    // The other responder, in a folder of their own: nothing in the editor's folder changes.
    const ticked = await runbook(cliRole, cliFolder, ['check', 'demo.md', 'Say hello', '--incident', id]).exited;
    assert.equal(ticked.code, 0, ticked.stderr);
    await page.locator('.codelens-decoration a', { hasText: '☑ Untick' }).first().waitFor({ timeout: 60_000 });
    assert.deepEqual(await whoDid(id, 'checklist-ticked'), [cliRole.user]);
  });

  it('a run waiting for approval under another role shows a notification in the editor; its Approve lets the run go on', async function () {
    this.timeout(5 * 60_000);
    assert.ok(session && cliFolder && id);
    const { page } = session.browser;
    const run = runbook(cliRole, cliFolder, ['run', 'purge.md', '--step', 'purge', '--yes', '--incident', id]);
    const requestId = await until(() => /waiting for approval: runbook approve ([0-9a-f]{8})/.exec(run.stderr())?.[1]);

    const toast = page.locator('.notification-toast', { hasText: 'Tomas Terminal asks approval to run "purge"' });
    await toast.first().waitFor({ timeout: 60_000 });
    await toast.first().locator('.monaco-button', { hasText: 'Approve' }).click();

    const finished = await run.exited;
    assert.equal(finished.code, 0, finished.stderr);
    assert.deepEqual(await whoDid(id, 'approval-requested'), [cliRole.user]);
    assert.deepEqual(await whoDid(id, 'approval-granted'), [editorRole.user]);
    const granted = await database.query<{ line: string }>(
      "SELECT line FROM runbook.events WHERE incident_id = $1 AND body::jsonb ->> 'type' = 'approval-granted'",
      [id],
    );
    assert.match(granted[0]?.line ?? '', new RegExp(`"requestId":"${requestId}"`));
  });
});
