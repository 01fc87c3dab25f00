import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeLensesOf, exists, openRunbook, workspaceUri } from '../workbench.ts';

describe('in an untrusted folder', () => {
  it('still shows the lenses but runs nothing', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the test folder should start untrusted');
    const document = await openRunbook('demo.md');
    const [sayHello] = await codeLensesOf(document);
    assert.ok(sayHello?.command);

    const outcome = await vscode.commands.executeCommand('runbook.runStep', ...(sayHello.command.arguments ?? []));
    assert.equal((outcome as { status: string }).status, 'refused');
    assert.equal(await exists(workspaceUri('out.txt')), false, 'the step ran although the folder is untrusted');
  });
});
