import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunStepOutcome } from '../../../../packages/vscode-extension/src/run/run-step-outcome.ts';
import { codeLensesOf, eventually, extensionApi, lensAt, lineOf, openRunbook, workspaceUri } from '../workbench.ts';

async function run(command: vscode.Command): Promise<RunStepOutcome> {
  return vscode.commands.executeCommand<RunStepOutcome>(command.command, ...(command.arguments ?? []));
}

function finished(outcome: RunStepOutcome) {
  assert.equal(outcome.status, 'finished', JSON.stringify(outcome));
  return (outcome as Extract<RunStepOutcome, { status: 'finished' }>).report;
}

/** The status drawn after a fence, once it matches. */
async function decorationAfter(document: vscode.TextDocument, fence: string, expected: RegExp): Promise<string> {
  const line = lineOf(document, fence);
  return eventually(
    () =>
      extensionApi()
        .stepDecorations(document.uri)
        .find((decoration) => decoration.line === line && expected.test(decoration.text))?.text,
  );
}

describe('runbook.runStep', () => {
  it('runs the step a lens points at, from the runbook folder, with declared values in its environment', async () => {
    const document = await openRunbook('demo.md');
    const lenses = await codeLensesOf(document);
    const result = finished(await run(lensAt(document, lenses, '```bash {name=say-hello confirm=false}', '▶ Run step')));
    assert.equal(result.exitCode, 0);
    const written = await vscode.workspace.fs.readFile(workspaceUri('out.txt'));
    assert.equal(Buffer.from(written).toString('utf8'), 'hello\n');
    await decorationAfter(document, '```bash {name=say-hello confirm=false}', /^✓ exit 0 · /);
  });

  it('reports a failing step with its exit code and output, and draws ✗', async () => {
    const document = await openRunbook('demo.md');
    const lenses = await codeLensesOf(document);
    const result = finished(await run(lensAt(document, lenses, '```sh {name=fail-on-purpose}', '▶ Run step')));
    assert.equal(result.exitCode, 3);
    assert.equal(result.status, 'failed');
    assert.equal(result.stderr, 'failing on purpose\n');
    await decorationAfter(document, '```sh {name=fail-on-purpose}', /^✗ exit 3 · /);
  });

  it('runs one command of a multi-command block alone', async () => {
    const document = await openRunbook('demo.md');
    const lenses = await codeLensesOf(document);
    const result = finished(await run(lensAt(document, lenses, 'echo "failing on purpose" >&2', '▶ Run command 1')));
    assert.equal(result.exitCode, 0);
    assert.deepEqual(result.commands, [1]);
  });

  it('dry-runs without running, and copies a template with its values filled', async () => {
    const document = await openRunbook('demo.md');
    const lenses = await codeLensesOf(document);
    const dry = lensAt(document, lenses, '```bash {name=clean-up}', 'Dry run');
    const plan = await vscode.commands.executeCommand<string>(dry.command, ...(dry.arguments ?? []));
    assert.match(plan, /rm -f out\.txt/);
    assert.ok(await vscode.workspace.fs.stat(workspaceUri('out.txt')), 'the dry run removed out.txt');

    const copy = lensAt(document, lenses, '```text', 'Copy rendered');
    // No incident: ${INCIDENT_ID} stays empty, and is not asked for here.
    const copied = await vscode.commands.executeCommand<string>(copy.command, ...(copy.arguments ?? []), { ask: false });
    assert.equal(copied, 'Incident ${INCIDENT_ID}: we are investigating. Greeting: hello.');
    assert.equal(await vscode.env.clipboard.readText(), copied);
  });

  it('says which step it could not find instead of running another', async () => {
    const document = await openRunbook('demo.md');
    const outcome = await vscode.commands.executeCommand<RunStepOutcome>('runbook.runStep', { uri: document.uri, stepId: 'no-such-step' });
    assert.equal(outcome.status, 'not-found');
  });
});
