import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeLensesOf, openRunbook, workspaceUri } from '../workbench.ts';

describe('runbook.runStep', () => {
  it('runs the step a lens points at, from the runbook folder, and reports its exit code', async () => {
    const document = await openRunbook('demo.md');
    const [sayHello, failOnPurpose] = await codeLensesOf(document);
    assert.ok(sayHello?.command && failOnPurpose?.command);

    const hello = await vscode.commands.executeCommand('runbook.runStep', ...(sayHello.command.arguments ?? []));
    assert.deepEqual(hello, { status: 'finished', exitCode: 0 });
    const written = await vscode.workspace.fs.readFile(workspaceUri('out.txt'));
    assert.equal(Buffer.from(written).toString('utf8'), 'hello\n');

    const failed = await vscode.commands.executeCommand('runbook.runStep', ...(failOnPurpose.command.arguments ?? []));
    assert.deepEqual(failed, { status: 'finished', exitCode: 3 });
  });

  it('says which step it could not find instead of running another', async () => {
    const document = await openRunbook('demo.md');
    const outcome = await vscode.commands.executeCommand('runbook.runStep', { uri: document.uri, stepId: 'no-such-step' });
    assert.equal((outcome as { status: string }).status, 'not-found');
  });
});
