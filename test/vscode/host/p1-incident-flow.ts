// A whole P1 incident through the extension's commands, on one runbook: shared
// by the specs for the user's runbook and the bundled one.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { IncidentState } from '../../../packages/runbook-core/src/index.ts';
import { codeLensesOf, eventually, extensionApi, lineOf, openRunbook, workspaceUri } from './workbench.ts';

type JournalEvent = { type: string; [field: string]: unknown };

async function journal(id: string): Promise<JournalEvent[]> {
  const bytes = await vscode.workspace.fs.readFile(workspaceUri(`.runbook/incidents/${id}/journal.jsonl`));
  return Buffer.from(bytes)
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as JournalEvent);
}

/** The first template's "Copy rendered" lens below the line holding `heading`. */
function templateLensBelow(document: vscode.TextDocument, lenses: readonly vscode.CodeLens[], heading: string): vscode.Command {
  const from = lineOf(document, heading);
  const lens = lenses
    .filter((candidate) => candidate.command?.title === 'Copy rendered' && candidate.range.start.line > from)
    .sort((a, b) => a.range.start.line - b.range.start.line)
    .find((candidate) => document.lineAt(candidate.range.start.line).text.startsWith('```'));
  if (lens?.command === undefined) throw new Error(`no template lens below "${heading}"`);
  return lens.command;
}

/** Template slots a person would still have to fill: `[…]` brackets of the template, `${NAME}` left as written. */
function emptySlots(text: string, placeholders: readonly string[]): string[] {
  return [...placeholders.filter((placeholder) => text.includes(placeholder)), ...(text.match(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g) ?? [])];
}

export interface P1Headings {
  /** The line just above the customer resolution notice's fence. */
  resolutionNotice: string;
  /** The line just above the post-incident review template's fence. */
  postIncidentReview: string;
}

/** A stand-in for a Slack incoming webhook on loopback: the texts posted to it, in order. */
async function standInSlack(): Promise<{ url: string; texts: string[]; close: () => Promise<void> }> {
  const texts: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      texts.push((JSON.parse(body) as { text: string }).text);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/services/T0/B0/hook`, texts, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function runP1Incident(file: string, headings: P1Headings): Promise<void> {
  // The extension runs in this process: the webhook it reads from the environment is the stand-in.
  const slack = await standInSlack();
  process.env.RUNBOOK_SLACK_WEBHOOK_URL = slack.url;
  try {
    await p1Incident(file, headings, slack.texts);
  } finally {
    delete process.env.RUNBOOK_SLACK_WEBHOOK_URL;
    await slack.close();
  }
}

async function p1Incident(file: string, headings: P1Headings, posted: readonly string[]): Promise<void> {
  const document = await openRunbook(file);
  const lenses = await codeLensesOf(document);

  const started = await vscode.commands.executeCommand<IncidentState>('runbook.startIncident', { severity: 'P1', title: 'Checkout API 5xx spike' });
  assert.equal(started.severity, 'P1');
  const id = started.id;

  for (const [role, person] of [
    ['commander', 'Dana Lee'],
    ['lead', 'Sam Ortiz'],
    ['comms', 'Ari Chen'],
  ] as const) {
    const state = await vscode.commands.executeCommand<IncidentState>('runbook.assignRole', { role, person });
    assert.equal(state.roles?.[role], person);
  }
  // A hand-over names the previous holder; the same person again records nothing.
  await vscode.commands.executeCommand('runbook.assignRole', { role: 'lead', person: 'Sam Ortiz' });
  await eventually(() => (extensionApi().statusBarText()?.includes(`${id} · P1 · IC Dana Lee`) ? true : undefined));

  const update = await vscode.commands.executeCommand<string>('runbook.copyStatusUpdate', {
    incident: id,
    fills: { INCIDENT_TRACKING_URL: `https://tracker.example/${id}` },
    ask: false,
    post: true,
  });
  assert.match(update, new RegExp(`Incident Update - ${id}`));
  assert.match(update, /\*\*Status\*\*: Investigating/);
  assert.match(update, /Incident Commander: Dana Lee/);
  assert.match(update, /Technical Lead: Sam Ortiz/);
  assert.deepEqual(emptySlots(update, ['[Investigating/Mitigating/Resolved]', '[0-3]']), []);

  const resolved = await vscode.commands.executeCommand<IncidentState>('runbook.resolveIncident', { summary: 'Rolled back release 1.4.2' });
  assert.equal(resolved.status, 'resolved');

  const notice = templateLensBelow(document, lenses, headings.resolutionNotice);
  const noticeText = await vscode.commands.executeCommand<string>(notice.command, ...(notice.arguments ?? []), {
    incident: id,
    fills: { 'Brief explanation': 'A connection-pool limit lowered in 1.4.2' },
    ask: false,
  });
  assert.match(noticeText, /\*\*Issue\*\*: Checkout API 5xx spike/);
  assert.match(noticeText, /\*\*Duration\*\*: \d+[smh]/);
  assert.match(noticeText, /\*\*Resolution\*\*: Rolled back release 1\.4\.2/);
  assert.match(noticeText, /\*\*Root Cause\*\*: A connection-pool limit lowered in 1\.4\.2/);
  assert.deepEqual(emptySlots(noticeText, ['[Brief description]', '[Total downtime]', '[What was done to fix it]', '[Brief explanation]']), []);

  const review = templateLensBelow(document, lenses, headings.postIncidentReview);
  const reviewText = await vscode.commands.executeCommand<string>(review.command, ...(review.arguments ?? []), { incident: id, ask: false });
  assert.match(reviewText, new RegExp(`^# Post-Incident Review: ${id}$`, 'm'));
  assert.deepEqual(emptySlots(reviewText, []), []);

  const events = await journal(id);
  assert.deepEqual(
    events.filter((event) => event.type === 'assigned').map((event) => [event.role, event.person, event.previous]),
    [
      ['commander', 'Dana Lee', undefined],
      ['lead', 'Sam Ortiz', undefined],
      ['comms', 'Ari Chen', undefined],
    ],
  );
  assert.equal(events[0]?.type, 'started');
  const recorded = events.filter((event) => event.type !== 'notified');
  assert.equal(recorded.at(-1)?.type, 'resolved');
  assert.equal(recorded.at(-1)?.summary, 'Rolled back release 1.4.2');

  // Posted to Slack as the CLI posts, each post journaled (never the webhook's URL).
  assert.equal(posted.length, 6, posted.join('\n'));
  assert.match(posted[0] ?? '', new RegExp(`${id} \\(P1\\) started by .*: Checkout API 5xx spike`));
  assert.deepEqual(posted.slice(1, 4), [`${id}: commander is Dana Lee`, `${id}: lead is Sam Ortiz`, `${id}: comms is Ari Chen`]);
  assert.equal(posted[4], update);
  assert.match(posted[5] ?? '', new RegExp(`${id} resolved after .*: Rolled back release 1\\.4\\.2`));
  const notified = events.filter((event) => event.type === 'notified');
  assert.deepEqual(
    notified.map((event) => [event.about, event.ok]),
    [
      ['started', true],
      ['assigned', true],
      ['assigned', true],
      ['assigned', true],
      ['status-update', true],
      ['resolved', true],
    ],
  );
  assert.ok(!JSON.stringify(events).includes('/services/T0/B0/hook'), 'the webhook URL is a secret');
  assert.equal(events.filter((event) => event.type === 'status-update').length, 1);
}
