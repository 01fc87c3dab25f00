import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIncident, notifySlack, slackNotices, startIncident } from '../../src/incident/index.ts';

/** A stand-in incoming webhook on loopback answering every post with `status`. */
async function webhook(status: number): Promise<{ url: string; texts: string[]; server: Server }> {
  const texts: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      texts.push((JSON.parse(body) as { text: string }).text);
      response.writeHead(status).end(status === 200 ? 'ok' : 'invalid_payload');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T0/B0/secret`, texts, server };
}

describe('notifySlack: the one Slack notice every front-end posts', () => {
  let workspace: string;
  let slack: Awaited<ReturnType<typeof webhook>> | undefined;
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'runbook-notify-'));
  });
  afterEach(() => {
    slack?.server.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('posts the notice, journals it without the URL, and says it was posted', async () => {
    slack = await webhook(200);
    const state = await startIncident({ workspace, severity: 'P1', title: 'Checkout down', who: 'dana' });
    const outcome = await notifySlack(state.id, slackNotices.started(state, 'dana'), {
      location: { workspace },
      who: 'dana',
      env: { RUNBOOK_SLACK_WEBHOOK_URL: slack.url },
    });
    assert.deepEqual(outcome, { posted: true, warnings: [] });
    assert.deepEqual(slack.texts, [`:rotating_light: ${state.id} (P1) started by dana: Checkout down`]);
    const after = await loadIncident(state.id, { workspace });
    const notified = after.events.filter((event) => event.type === 'notified');
    assert.equal(notified.length, 1);
    assert.ok(!JSON.stringify(after.events).includes('/services/T0/B0/secret'));
  });

  it('never throws: a refused post is a warning, journaled, and nothing at all without Slack set up', async () => {
    slack = await webhook(400);
    const state = await startIncident({ workspace, severity: 'P2', title: 'Slow', who: 'dana' });
    const failed = await notifySlack(state.id, slackNotices.assigned(state.id, 'commander', 'Dana Lee'), {
      location: { workspace },
      who: 'dana',
      env: { RUNBOOK_SLACK_WEBHOOK_URL: slack.url },
    });
    assert.equal(failed.posted, false);
    assert.match(failed.warnings[0] ?? '', /Slack post about assigned failed after 1 attempt\(s\)/);
    assert.ok(!failed.warnings.join('').includes('secret'), 'the URL is not in the warning');
    const quiet = await notifySlack(state.id, slackNotices.reopened(state.id), { location: { workspace }, who: 'dana', env: {} });
    assert.deepEqual(quiet, { posted: false, warnings: [] });
    const unknown = await notifySlack('INC-NOPE', slackNotices.cancelled('INC-NOPE', 'x'), { location: { workspace }, who: 'dana', env: {} });
    assert.equal(unknown.posted, false);
    assert.match(unknown.warnings[0] ?? '', /nothing posted to Slack about cancelled/);
  });
});
