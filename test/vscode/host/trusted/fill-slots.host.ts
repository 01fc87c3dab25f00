import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeLensesOf, lensAt, openRunbook, workspaceUri } from '../workbench.ts';

const source = ['# Notice', '', '```text {name=notice}', 'Apology: [Customer-facing apology]', 'Queue: [Ticket queue]', '```', ''].join('\n');

describe('Copy rendered offers fills', () => {
  it('asks for each empty slot in an input box; Escape on each leaves them all as written', async () => {
    await vscode.workspace.fs.writeFile(workspaceUri('runbooks/notice.md'), Buffer.from(source));
    const document = await openRunbook('runbooks/notice.md');
    const copy = lensAt(document, await codeLensesOf(document), '```text {name=notice}', 'Copy rendered');
    let settled = false;
    const copied = Promise.resolve(vscode.commands.executeCommand<string>(copy.command, ...(copy.arguments ?? []))).finally(() => {
      settled = true;
    });
    // Escape, as a person would, on each input box as it opens (two slots, two boxes).
    let escapes = 0;
    while (!settled) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (settled) break;
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      escapes++;
    }
    assert.equal(await copied, 'Apology: [Customer-facing apology]\nQueue: [Ticket queue]');
    assert.ok(escapes >= 2, `the command ended after ${escapes} Escape(s): it did not ask for both slots`);
  });

  it('fills the slots from answers given to the command, asking nothing', async () => {
    const document = await openRunbook('runbooks/notice.md');
    const copy = lensAt(document, await codeLensesOf(document), '```text {name=notice}', 'Copy rendered');
    const text = await vscode.commands.executeCommand<string>(copy.command, ...(copy.arguments ?? []), {
      fills: { 'Customer-facing apology': 'We are sorry.', 'Ticket queue': 'SUP-7' },
      ask: false,
    });
    assert.equal(text, 'Apology: We are sorry.\nQueue: SUP-7');
  });
});
