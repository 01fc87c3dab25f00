import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IncidentState } from '../../../../packages/runbook-core/src/index.ts';
import type { RunStepOutcome } from '../../../../packages/vscode-extension/src/run/run-step-outcome.ts';
import { codeLensesOf, eventually, extensionApi, lensAt, lineOf, openRunbook, workspaceUri } from '../workbench.ts';

async function journal(id: string): Promise<{ type: string; [field: string]: unknown }[]> {
  const bytes = await vscode.workspace.fs.readFile(workspaceUri(`.runbook/incidents/${id}/journal.jsonl`));
  return Buffer.from(bytes)
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string });
}

describe('an incident in the editor', () => {
  let incident: IncidentState;

  it('starts with an id from the template and shows in the status bar', async () => {
    const document = await openRunbook('demo.md');
    await codeLensesOf(document);
    incident = await vscode.commands.executeCommand<IncidentState>('runbook.startIncident', { severity: 'P2', title: 'Disk filling up' });
    assert.match(incident.id, /^INC-\d{8}-\d{4}(-\d+)?$/);
    assert.equal(incident.severity, 'P2');
    const text = await eventually(() => extensionApi().statusBarText());
    assert.match(text, new RegExp(`${incident.id} · P2 · \\d+m`));
  });

  it('journals a run, fills ${INCIDENT_ID}, and draws the result from the journal', async () => {
    const document = await openRunbook('demo.md');
    const lenses = await codeLensesOf(document);
    const run = lensAt(document, lenses, '```bash {name=say-hello confirm=false}', '▶ Run step');
    const outcome = await vscode.commands.executeCommand<RunStepOutcome>(run.command, ...(run.arguments ?? []));
    assert.equal(outcome.status, 'finished');
    const types = (await journal(incident.id)).map((event) => event.type);
    assert.deepEqual(types.slice(-2), ['step-started', 'step-finished']);

    const copy = lensAt(document, lenses, '```text', 'Copy rendered');
    const copied = await vscode.commands.executeCommand<string>(copy.command, ...(copy.arguments ?? []));
    assert.equal(copied, `Incident ${incident.id}: we are investigating. Greeting: hello.`);

    const fence = lineOf(document, '```bash {name=say-hello confirm=false}');
    await eventually(() =>
      extensionApi()
        .stepDecorations(document.uri)
        .find((decoration) => decoration.line === fence && decoration.text.startsWith('✓ exit 0')),
    );
  });

  it("fills a template the same way from its lens and as the status update: core's one renderer, START_TIME and DURATION included", async () => {
    const text = 'Incident ${INCIDENT_ID} (${SEVERITY}) since ${START_TIME}, ${DURATION} so far.';
    await vscode.workspace.fs.writeFile(
      workspaceUri('status-templates.md'),
      Buffer.from(`---\ntitle: Status templates\n---\n\n# Updates\n\n## Status update\n\n\`\`\`text\n${text}\n\`\`\`\n`),
    );
    const document = await openRunbook('status-templates.md');
    const copy = lensAt(document, await codeLensesOf(document), '```text', 'Copy rendered');
    const copied = await vscode.commands.executeCommand<string>(copy.command, ...(copy.arguments ?? []), { ask: false });
    const update = await vscode.commands.executeCommand<string>('runbook.copyStatusUpdate', { ask: false });
    const shape = new RegExp(`^Incident ${incident.id} \\(P2\\) since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, (.+) so far\\.$`);
    assert.match(copied, shape);
    assert.match(update, shape);
    // DURATION runs on: the two may straddle a minute.
    const withoutDuration = (rendered: string): string => rendered.replace(/, .+ so far\.$/, '');
    assert.equal(withoutDuration(copied), withoutDuration(update));
  });

  it('ticks a checklist item in the journal, not in the file, and draws it', async () => {
    const document = await openRunbook('demo.md');
    const checked = await vscode.commands.executeCommand<boolean>('runbook.toggleChecklistItem', { uri: document.uri, itemId: 'checklist/say-hello' });
    assert.equal(checked, true);
    const ticked = (await journal(incident.id)).at(-1);
    assert.equal(ticked?.type, 'checklist-ticked');
    assert.equal(ticked?.itemId, 'checklist/say-hello');
    assert.equal(document.lineAt(lineOf(document, '- [ ] Say hello')).text, '- [ ] Say hello', 'the file changed');
    const line = lineOf(document, '- [ ] Say hello');
    await eventually(() =>
      extensionApi()
        .checklistDecorations(document.uri)
        .find((decoration) => decoration.line === line && decoration.text.startsWith('✓ ticked by')),
    );

    const unchecked = await vscode.commands.executeCommand<boolean>('runbook.toggleChecklistItem', { uri: document.uri, itemId: 'checklist/say-hello' });
    assert.equal(unchecked, false);
    assert.equal((await journal(incident.id)).at(-1)?.type, 'checklist-unticked');
  });

  it('offers one click per checklist item, "☐ Tick" then "☑ Untick", and the look belongs to the incident', async () => {
    const document = await openRunbook('demo.md');
    const line = lineOf(document, '- [ ] Say hello');
    const lensTitle = async (): Promise<string | undefined> =>
      (await codeLensesOf(document)).find((lens) => lens.range.start.line === line && lens.command?.command === 'runbook.toggleChecklistItem')?.command?.title;
    const drawn = () =>
      extensionApi()
        .checklistDecorations(document.uri)
        .filter((decoration) => decoration.line === line)
        .map((decoration) => decoration.text);
    assert.equal(await eventually(lensTitle), '☐ Tick');
    const tick = lensAt(document, await codeLensesOf(document), '- [ ] Say hello', '☐ Tick');
    assert.equal(await vscode.commands.executeCommand<boolean>(tick.command, ...(tick.arguments ?? [])), true);
    await eventually(async () => ((await lensTitle()) === '☑ Untick' ? true : undefined));
    await eventually(() => (drawn()[0] === '☑' && drawn()[1]?.startsWith('✓ ticked by') ? true : undefined));

    // Another incident has its own ticks; switching back brings these again.
    const other = await vscode.commands.executeCommand<IncidentState>('runbook.startIncident', { severity: 'P3', title: 'Another one' });
    await eventually(async () => ((await lensTitle()) === '☐ Tick' && drawn().length === 0 ? true : undefined));
    await vscode.commands.executeCommand('runbook.switchIncident', incident.id);
    await eventually(async () => ((await lensTitle()) === '☑ Untick' && drawn()[0] === '☑' ? true : undefined));
    await vscode.commands.executeCommand('runbook.switchIncident', other.id);
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'Not needed' });
    await vscode.commands.executeCommand('runbook.switchIncident', incident.id);
    assert.equal(extensionApi().statusBarText()?.includes(incident.id), true);
  });

  it('runs a step twice in one terminal, named after the step', async () => {
    const document = await openRunbook('demo.md');
    const run = lensAt(document, await codeLensesOf(document), '```bash {name=say-hello confirm=false}', '▶ Run step');
    for (let time = 0; time < 2; time++) {
      const outcome = await vscode.commands.executeCommand<RunStepOutcome>(run.command, ...(run.arguments ?? []));
      assert.equal(outcome.status, 'finished');
    }
    const named = vscode.window.terminals.filter((terminal) => terminal.name === 'Runbook: say-hello');
    assert.equal(named.length, 1, vscode.window.terminals.map((terminal) => terminal.name).join(', '));
  });

  it('exports the timeline and resolves', async () => {
    const timeline = await vscode.commands.executeCommand<string>('runbook.exportTimeline');
    assert.match(timeline, new RegExp(`# Timeline of ${incident.id}`));
    assert.match(timeline, /\|/);
    const resolved = await vscode.commands.executeCommand<IncidentState>('runbook.resolveIncident', { summary: 'Cleaned up' });
    assert.equal(resolved.status, 'resolved');
    assert.equal((await journal(incident.id)).at(-1)?.type, 'resolved');
  });

  it('keeps the resolved incident reachable: its timeline and its status update', async () => {
    const timeline = await vscode.commands.executeCommand<string>('runbook.exportTimeline', { incident: incident.id });
    assert.match(timeline, new RegExp(`# Timeline of ${incident.id}: Disk filling up \\(resolved\\)`));
    assert.match(timeline, /Cleaned up/);
    await openRunbook('demo.md');
    const update = await vscode.commands.executeCommand<string>('runbook.copyStatusUpdate', { incident: incident.id });
    assert.equal(update, `Incident ${incident.id}: we are investigating. Greeting: hello.`);
  });

  it("writes the resolved incident's review from its journal, as the CLI does", async () => {
    const review = await vscode.commands.executeCommand<string>('runbook.writeReview', { incident: incident.id });
    assert.match(review, new RegExp(incident.id));
    assert.match(review, /Cleaned up/);
    assert.match(review, /\| Time \(UTC\) \| Event \| Action Taken \| Team Member \|/);
    assert.match(review, /Disk filling up|Resolved/);
    const again = await vscode.commands.executeCommand<string>('runbook.writeReview', { incident: incident.id });
    assert.equal(again, review, 'the same journal gives the same review');
  });
});
