import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { journal, runCli, useWorkspace } from './cli-harness.ts';

interface Received {
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/** A stand-in for Slack on 127.0.0.1: answers each request with the next status in `statuses` (then the last), records what it got. */
async function fakeSlack(
  statuses: number[],
  answer: (request: Received) => string = () => 'ok',
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let data = '';
    request.on('data', (chunk: Buffer) => {
      data += chunk.toString('utf8');
    });
    request.on('end', () => {
      const entry: Received = { path: request.url ?? '', body: JSON.parse(data) as Record<string, unknown> };
      if (request.headers.authorization !== undefined) entry.authorization = request.headers.authorization;
      received.push(entry);
      response.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      response.end(answer(entry));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

describe('incident events posted to Slack (a local stand-in)', () => {
  const workspace = useWorkspace();
  let slack: Awaited<ReturnType<typeof fakeSlack>> | undefined;
  afterEach(() => slack?.server.close());
  const cli = (argv: string[], env: NodeJS.ProcessEnv) => runCli(argv, { cwd: workspace.dir, env });

  it('posts through an incoming webhook and journals each post, never the URL', async () => {
    slack = await fakeSlack([200]);
    const env = { RUNBOOK_SLACK_WEBHOOK_URL: `${slack.url}/services/T000/B000/secretpart` };
    const started = await cli(['incident', 'start', '--severity', 'P1', '--title', 'API errors', '--format', 'json'], env);
    assert.equal(started.code, 0, started.stderr);
    const id = (JSON.parse(started.stdout) as { id: string }).id;
    assert.equal((await cli(['incident', 'assign', 'commander', 'Dana'], env)).code, 0);
    assert.equal((await cli(['incident', 'resolve', '--summary', 'rolled back'], env)).code, 0);
    assert.deepEqual(
      slack.received.map((request) => [request.path, request.body.text]),
      [
        ['/services/T000/B000/secretpart', `:rotating_light: ${id} (P1) started by tester: API errors`],
        ['/services/T000/B000/secretpart', `${id}: commander is Dana`],
        ['/services/T000/B000/secretpart', `:white_check_mark: ${id} resolved after 0s: rolled back`],
      ],
    );
    const notified = journal(workspace.dir, id).filter((event) => event.type === 'notified');
    assert.deepEqual(
      notified.map(({ about, ok, attempts, target }) => ({ about, ok, attempts, target })),
      ['started', 'assigned', 'resolved'].map((about) => ({ about, ok: true, attempts: 1, target: 'webhook' })),
    );
    assert.doesNotMatch(readFileSync(join(workspace.dir, '.runbook', 'incidents', id, 'journal.jsonl'), 'utf8'), /secretpart/);
  });

  it('retries a failing Slack, then warns and journals the failure; the incident goes on (exit 0)', async () => {
    slack = await fakeSlack([500, 503, 200]);
    const env = { RUNBOOK_SLACK_WEBHOOK_URL: `${slack.url}/hook` };
    const started = await cli(['incident', 'start', '--severity', 'P2', '--title', 'Disk', '--format', 'json'], env);
    assert.equal(started.code, 0, started.stderr);
    const id = (JSON.parse(started.stdout) as { id: string }).id;
    assert.equal(slack.received.length, 3);
    assert.deepEqual(journal(workspace.dir, id).find((event) => event.type === 'notified')?.attempts, 3);
    slack.server.close();
    slack = await fakeSlack([500]);
    const failing = { RUNBOOK_SLACK_WEBHOOK_URL: `${slack.url}/hook` };
    const severity = await cli(['incident', 'severity', 'P1'], failing);
    assert.equal(severity.code, 0, severity.stderr);
    assert.match(
      severity.stderr,
      /warning: Slack post about severity-changed failed after 3 attempt\(s\): Slack answered HTTP 500 \(journaled; the incident goes on\)/,
    );
    const failed = journal(workspace.dir, id)
      .filter((event) => event.type === 'notified')
      .at(-1);
    assert.deepEqual([failed?.about, failed?.ok, failed?.attempts], ['severity-changed', false, 3]);
    assert.equal(journal(workspace.dir, id).filter((event) => event.type === 'severity-changed').length, 1);
    // Nothing listening at all: still exit 0.
    slack.server.close();
    const gone = await cli(['incident', 'note', 'still going'], failing);
    assert.equal(gone.code, 0);
    const closed = await cli(['incident', 'resolve'], failing);
    assert.equal(closed.code, 0, closed.stderr);
    assert.match(closed.stderr, /could not reach Slack/);
    slack = undefined;
  });

  it('posts with chat.postMessage and a bot token that reaches neither the journal nor the output', async () => {
    const token = 'xoxb-test-secret-token';
    slack = await fakeSlack([200], (request) =>
      JSON.stringify(request.authorization === `Bearer ${token}` ? { ok: true } : { ok: false, error: 'invalid_auth' }),
    );
    const env = { RUNBOOK_SLACK_TOKEN: token, RUNBOOK_SLACK_CHANNEL: '#inc-api', RUNBOOK_SLACK_API_URL: `${slack.url}/api` };
    const started = await cli(['incident', 'start', '--severity', 'P1', '--title', 'API', '--format', 'json'], env);
    assert.equal(started.code, 0, started.stderr);
    const id = (JSON.parse(started.stdout) as { id: string }).id;
    assert.equal(slack.received[0]?.path, '/api/chat.postMessage');
    assert.equal(slack.received[0]?.body.channel, '#inc-api');
    const wrong = await cli(['incident', 'note', 'x'], { ...env, RUNBOOK_SLACK_TOKEN: 'xoxb-wrong' });
    assert.equal(wrong.code, 0);
    const refused = await cli(['incident', 'severity', 'P0'], { ...env, RUNBOOK_SLACK_TOKEN: 'xoxb-wrong' });
    assert.equal(refused.code, 0, refused.stderr);
    assert.match(refused.stderr, /Slack refused the post: invalid_auth/);
    const text = readFileSync(join(workspace.dir, '.runbook', 'incidents', id, 'journal.jsonl'), 'utf8');
    assert.doesNotMatch(text, /xoxb-/);
    assert.doesNotMatch(started.stdout + started.stderr + refused.stderr, /xoxb-/);
    const notified = journal(workspace.dir, id).filter((event) => event.type === 'notified');
    assert.deepEqual(
      notified.map(({ ok, channel, attempts }) => [ok, channel, attempts]),
      [
        [true, '#inc-api', 1],
        [false, '#inc-api', 1],
      ],
    );
  });
});

describe('status updates posted to Slack (a local stand-in)', () => {
  const workspace = useWorkspace('read-only.md');
  let slack: Awaited<ReturnType<typeof fakeSlack>> | undefined;
  afterEach(() => slack?.server.close());

  it('render --record posts the rendered status update and journals the post', async () => {
    slack = await fakeSlack([200]);
    const env = { RUNBOOK_SLACK_WEBHOOK_URL: `${slack.url}/services/T000/B000/secretpart` };
    const cli = (argv: string[]) => runCli(argv, { cwd: workspace.dir, env });
    const started = await cli(['incident', 'start', '--severity', 'P2', '--title', 'Slow checkout', '--format', 'json']);
    assert.equal(started.code, 0, started.stderr);
    const id = (JSON.parse(started.stdout) as { id: string }).id;
    const template = 'status-update';
    const rendered = await cli(['render', 'read-only.md', template, '--record', '--no-prompt']);
    assert.equal(rendered.code, 0, rendered.stderr);
    const posted = slack.received.at(-1);
    assert.ok(posted, 'a post reached the stand-in');
    assert.equal(posted.body.text, rendered.stdout.trimEnd());
    const notified = journal(workspace.dir, id).filter((event) => event.type === 'notified');
    assert.ok(notified.length >= 2, JSON.stringify(notified));
  });
});
