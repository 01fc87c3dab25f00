import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, extensionApi, lineOf, openRunbook } from '../workbench.ts';

describe('lint in the editor', () => {
  it('shows core rule findings as diagnostics linked to the rule docs, with the rule fix as a quick fix', async () => {
    const document = await openRunbook('needs-fixes.md');
    const fence = lineOf(document, '```bash {name=remove-scratch}');
    const diagnostic = await eventually(() =>
      extensionApi()
        .diagnostics(document.uri)
        .find((candidate) => typeof candidate.code === 'object' && candidate.code.value === 'unconfirmed-destructive'),
    );
    assert.equal(diagnostic.range.start.line, lineOf(document, 'rm -rf ./scratch'));
    assert.equal(diagnostic.source, 'runbook');
    assert.ok(typeof diagnostic.code === 'object' && diagnostic.code.target.toString().length > 0);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const fix = actions.find((action) => action.title.includes('confirm=true'));
    assert.ok(fix?.edit, `no confirm=true quick fix among: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.lineAt(fence).text, /confirm=true/);
    await eventually(
      () =>
        extensionApi()
          .diagnostics(document.uri)
          .every((candidate) => typeof candidate.code !== 'object' || candidate.code.value !== 'unconfirmed-destructive') || undefined,
    );
  });
});
