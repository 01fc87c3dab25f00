import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logTruncationMarker } from '../../src/run/log-limit.ts';
import { journal, runCli, startIncident, useWorkspace } from './cli-harness.ts';

const fence = '```';
const chatty = [`${fence}bash {name=chatty}`, "head -c 10000 /dev/zero | tr '\\0' 'z'", 'echo', fence, ''].join('\n');

describe('runbook run --log-limit', () => {
  const workspace = useWorkspace();

  async function runChatty(argv: string[], env: NodeJS.ProcessEnv = {}) {
    writeFileSync(join(workspace.dir, 'chatty.md'), chatty);
    const id = await startIncident(workspace.dir, '--also');
    const run = await runCli(['run', 'chatty.md', '--step', 'chatty', '--yes', ...argv], { cwd: workspace.dir, env });
    const finished = journal(workspace.dir, id).find((event) => event.type === 'step-finished');
    const log = finished?.logFile === undefined ? '' : readFileSync(join(workspace.dir, '.runbook', 'incidents', id, String(finished.logFile)), 'utf8');
    return { run, finished, log };
  }

  it('cuts the log at the size given, ends it with the marker, and the journal records where', async () => {
    const { run, finished, log } = await runChatty(['--log-limit', '1k']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${'z'.repeat(10000)}\n`);
    assert.equal(finished?.logTruncatedAt, 1024);
    assert.match(run.stderr, /✓ chatty succeeded in .* \(log truncated at 1024 bytes: \S+\/logs\/\S+\.log\)/);
    assert.equal(log, `${'z'.repeat(1024)}${logTruncationMarker(1024)}`);
  });

  it('takes RUNBOOK_LOG_LIMIT from the environment, and the flag over it', async () => {
    const fromEnv = await runChatty([], { RUNBOOK_LOG_LIMIT: '2KiB' });
    assert.equal(fromEnv.finished?.logTruncatedAt, 2048);
    const flagWins = await runChatty(['--log-limit', '3000'], { RUNBOOK_LOG_LIMIT: '2KiB' });
    assert.equal(flagWins.finished?.logTruncatedAt, 3000);
  });

  it('keeps the whole log under the default limit, with nothing recorded', async () => {
    const { finished, log } = await runChatty([]);
    assert.equal(finished?.logTruncatedAt, undefined);
    assert.equal(log, `${'z'.repeat(10000)}\n`);
  });

  it('is bad usage (exit 2) when the size is not one, naming where it came from', async () => {
    writeFileSync(join(workspace.dir, 'chatty.md'), chatty);
    const flag = await runCli(['run', 'chatty.md', '--step', 'chatty', '--yes', '--log-limit', 'lots'], { cwd: workspace.dir });
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /--log-limit needs a size in bytes like 1048576, 64k, 100MiB or 1G, got 'lots'/);
    const env = await runCli(['run', 'chatty.md', '--step', 'chatty', '--yes'], { cwd: workspace.dir, env: { RUNBOOK_LOG_LIMIT: '0' } });
    assert.equal(env.code, 2);
    assert.match(env.stderr, /RUNBOOK_LOG_LIMIT needs a size in bytes/);
  });
});
