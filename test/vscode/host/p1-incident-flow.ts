// A whole P1 incident through the extension's commands, on one runbook: shared
// by the specs for the user's runbook and the bundled one.
import assert from 'node:assert/strict';
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

export async function runP1Incident(file: string, headings: P1Headings): Promise<void> {
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
  assert.equal(events.at(-1)?.type, 'resolved');
  assert.equal(events.at(-1)?.summary, 'Rolled back release 1.4.2');
}
