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

    const { contributes } = extension.packageJSON as { contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> } };
    const contributed = contributes.commands.map((entry) => entry.command).sort();
    // VS Code itself registers `<view id>.focus` and the like for each contributed view.
    const views = Object.values(contributes.views)
      .flat()
      .map((view) => `${view.id}.`);
    const registered = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('runbook.') && !views.some((prefix) => id.startsWith(prefix)))
      .sort();
    assert.deepEqual(registered, contributed);
  });
});
