import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IncidentInputError } from '../../src/incident/incident-input-error.ts';
import { readSlackConfig, readSlackSettings, resolveSlackTarget, slackWants } from '../../src/incident/slack-config.ts';
import { journal, runCli } from '../cli/cli-harness.ts';

interface Received {
  path: string;
  authorization?: string;
  body: { text?: string; channel?: string };
}

/** Slack on 127.0.0.1: answers `{ ok: true }` (chat.postMessage's shape, which a webhook ignores) and records each post. */
async function standInSlack(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let data = '';
    request.on('data', (chunk: Buffer) => {
      data += chunk.toString('utf8');
    });
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        ...(request.headers.authorization === undefined ? {} : { authorization: request.headers.authorization }),
        body: JSON.parse(data) as Received['body'],
      });
      response.setHeader('content-type', 'application/json');
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

describe('Slack settings (frontmatter and runbook.config.json, secrets from the environment)', () => {
  it('reads channel, events and the names of the secret variables', () => {
    assert.deepEqual(
      readSlackSettings({ channel: '#inc-checkout', events: ['started', 'resolved'], tokenEnv: 'SLACK_BOT_INCIDENTS', apiUrl: 'http://127.0.0.1:1/api' }, 'x'),
      { channel: '#inc-checkout', events: ['started', 'resolved'], tokenEnv: 'SLACK_BOT_INCIDENTS', apiUrl: 'http://127.0.0.1:1/api' },
    );
  });

  it('refuses a secret in the file without echoing it, and says where to put it', () => {
    for (const key of ['webhook', 'webhookUrl', 'token', 'botToken', 'url']) {
      assert.throws(
        () => readSlackSettings({ [key]: 'https://hooks.slack.com/services/T0/B0/very-secret' }, 'runbook.config.json'),
        (error: unknown) =>
          error instanceof IncidentInputError &&
          error.message.includes(`slack.${key}`) &&
          /webhookEnv or tokenEnv/.test(error.message) &&
          !error.message.includes('very-secret'),
      );
    }
    assert.throws(() => readSlackSettings({ webhookEnv: 'https://hooks.slack.com/services/x' }, 'f'), /name of an environment variable/);
  });

  it('names a wrong key or event, with what is allowed', () => {
    assert.throws(() => readSlackSettings({ chanel: '#x' }, 'f'), /slack\.chanel 'chanel' is not a Slack setting; use channel, events/);
    assert.throws(() => readSlackSettings({ events: ['started', 'finished'] }, 'f'), /slack\.events\[1\] 'finished' is not an event; use started, assigned/);
    assert.throws(() => readSlackSettings('#inc', 'f'), /must be a mapping/);
  });

  it('lets the runbook override the workspace key by key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-slack-config-'));
    try {
      writeFileSync(join(dir, 'runbook.config.json'), JSON.stringify({ slack: { channel: '#incidents', tokenEnv: 'SLACK_BOT', events: ['started'] } }));
      writeFileSync(join(dir, 'checkout.md'), '---\ntitle: Checkout\nslack:\n  channel: "#inc-checkout"\n---\n# Checkout\n');
      writeFileSync(join(dir, 'plain.md'), '# No frontmatter\n');
      const both = readSlackConfig({ workspace: dir, runbookFile: join(dir, 'checkout.md') });
      assert.deepEqual(both.settings, { channel: '#inc-checkout', tokenEnv: 'SLACK_BOT', events: ['started'] });
      assert.deepEqual(both.sources, [join(dir, 'runbook.config.json'), join(dir, 'checkout.md')]);
      assert.deepEqual(readSlackConfig({ workspace: dir, runbookFile: join(dir, 'plain.md') }).settings, {
        channel: '#incidents',
        tokenEnv: 'SLACK_BOT',
        events: ['started'],
      });
      assert.equal(slackWants(both.settings, 'started'), true);
      assert.equal(slackWants(both.settings, 'assigned'), false);
      assert.equal(slackWants({}, 'assigned'), true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the secrets only from the environment, from the variables the settings name', () => {
    const env = { SLACK_WEBHOOK_INCIDENTS: 'https://hooks.example/T/B/x', SLACK_BOT: 'xoxb-1', RUNBOOK_SLACK_WEBHOOK_URL: 'https://hooks.example/default' };
    assert.deepEqual(resolveSlackTarget({ webhookEnv: 'SLACK_WEBHOOK_INCIDENTS' }, env), { target: { kind: 'webhook', url: 'https://hooks.example/T/B/x' } });
    assert.deepEqual(resolveSlackTarget({ channel: '#inc', tokenEnv: 'SLACK_BOT' }, env), {
      target: { kind: 'chat.postMessage', url: 'https://slack.com/api', token: 'xoxb-1', channel: '#inc' },
    });
    assert.deepEqual(resolveSlackTarget({ channel: '#inc' }, env), { missing: 'RUNBOOK_SLACK_TOKEN' });
    assert.deepEqual(resolveSlackTarget({ webhookEnv: 'NOT_SET' }, env), { missing: 'NOT_SET' });
    assert.deepEqual(resolveSlackTarget({}, env), { target: { kind: 'webhook', url: 'https://hooks.example/default' } });
    assert.deepEqual(resolveSlackTarget({}, {}), {});
  });
});

describe('Slack configured per runbook and workspace, posting to a local stand-in', () => {
  let dir = '';
  let slack: Awaited<ReturnType<typeof standInSlack>> | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-slack-cli-'));
  });
  afterEach(() => {
    slack?.server.close();
    slack = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  const cli = (argv: string[], env: NodeJS.ProcessEnv) => runCli(argv, { cwd: dir, env });

  it("posts the runbook's events to the runbook's channel with the token the workspace names, and only those events", async () => {
    slack = await standInSlack();
    writeFileSync(
      join(dir, 'runbook.config.json'),
      JSON.stringify({ slack: { channel: '#incidents', tokenEnv: 'SLACK_BOT_INCIDENTS', apiUrl: `${slack.url}/api` } }),
    );
    writeFileSync(
      join(dir, 'checkout.md'),
      '---\ntitle: Checkout errors\nslack:\n  channel: "#inc-checkout"\n  events: [started, resolved]\n---\n# Checkout errors\n',
    );
    const env = { SLACK_BOT_INCIDENTS: 'xoxb-incidents-secret' };
    const started = await cli(['incident', 'start', '--severity', 'P1', '--runbook', 'checkout.md', '--format', 'json'], env);
    assert.equal(started.code, 0, started.stderr);
    const id = (JSON.parse(started.stdout) as { id: string }).id;
    assert.equal((await cli(['incident', 'assign', 'commander', 'Dana'], env)).code, 0);
    const resolved = await cli(['incident', 'resolve', '--summary', 'rolled back'], env);
    assert.equal(resolved.code, 0, resolved.stderr);

    assert.deepEqual(
      slack.received.map((post) => [post.path, post.authorization, post.body.channel, post.body.text?.split(':')[1]?.trim().split(' ')[0]]),
      [
        ['/api/chat.postMessage', 'Bearer xoxb-incidents-secret', '#inc-checkout', 'rotating_light'],
        ['/api/chat.postMessage', 'Bearer xoxb-incidents-secret', '#inc-checkout', 'white_check_mark'],
      ],
    );
    assert.deepEqual(
      journal(dir, id)
        .filter((event) => event.type === 'notified')
        .map((event) => [event.about, event.ok, event.channel]),
      [
        ['started', true, '#inc-checkout'],
        ['resolved', true, '#inc-checkout'],
      ],
    );
    assert.doesNotMatch(readFileSync(join(dir, '.runbook', 'incidents', id, 'journal.jsonl'), 'utf8'), /xoxb-/);
  });

  it('posts through the webhook a named variable holds, and warns (exit 0) when that variable is not set', async () => {
    slack = await standInSlack();
    writeFileSync(join(dir, 'runbook.config.json'), JSON.stringify({ slack: { webhookEnv: 'SLACK_WEBHOOK_INCIDENTS' } }));
    const posted = await cli(['incident', 'start', '--severity', 'P2', '--title', 'Disk'], {
      SLACK_WEBHOOK_INCIDENTS: `${slack.url}/services/T/B/hook-secret`,
    });
    assert.equal(posted.code, 0, posted.stderr);
    assert.deepEqual(
      slack.received.map((post) => post.path),
      ['/services/T/B/hook-secret'],
    );
    const unset = await cli(['incident', 'note', 'still disk'], {});
    assert.equal(unset.code, 0);
    const severity = await cli(['incident', 'severity', 'P1'], {});
    assert.equal(severity.code, 0, severity.stderr);
    assert.match(
      severity.stderr,
      /nothing posted to Slack about severity-changed: .*runbook\.config\.json configure Slack, but SLACK_WEBHOOK_INCIDENTS is not set/,
    );
    assert.equal(slack.received.length, 1);
  });

  it('refuses a webhook URL written in runbook.config.json: a warning, no post, the incident goes on', async () => {
    slack = await standInSlack();
    writeFileSync(join(dir, 'runbook.config.json'), JSON.stringify({ slack: { webhook: `${slack.url}/services/T/B/in-a-file` } }));
    const started = await cli(['incident', 'start', '--severity', 'P2', '--title', 'Disk'], {});
    assert.equal(started.code, 0, started.stderr);
    assert.match(started.stderr, /slack\.webhook .* would keep a secret in a file; put it in an environment variable and name it with webhookEnv/);
    assert.doesNotMatch(started.stderr, /in-a-file/);
    assert.equal(slack.received.length, 0);
  });
});
