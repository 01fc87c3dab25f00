import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openRunbook } from '../workbench.ts';

// Runs first (files run in name order): nothing has opened Markdown yet.
describe('activation', () => {
  it('waits for a Markdown file, then registers exactly the contributed commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the host`);
    assert.equal(extension.isActive, false, 'activated before any Markdown file was opened');

    await openRunbook('demo.md');
    while (!extension.isActive) await new Promise((resolve) => setTimeout(resolve, 50));

    const contributed = (extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands
      .map((entry) => entry.command)
      .sort();
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('runbook.')).sort();
    assert.deepEqual(registered, contributed);
  });
});
