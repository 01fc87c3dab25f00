import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeLensesOf, openRunbook, workspaceUri } from '../workbench.ts';

const readme = '# my-lib\n\n## Install\n\n```bash\nnpm install my-lib\n```\n';

async function runbookLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return lenses.filter((lens) => lens.command?.command.startsWith('runbook.'));
}

describe('Run lenses only on runbooks', () => {
  before(async () => {
    // The extension is active and drawing lenses on a runbook before the README is asked.
    await codeLensesOf(await openRunbook('demo.md'));
  });

  it("gives a README's install block no lens, until the user turns them on for that file", async () => {
    await vscode.workspace.fs.writeFile(workspaceUri('README.md'), Buffer.from(readme));
    const document = await openRunbook('README.md');
    assert.deepEqual(await runbookLenses(document.uri), []);

    const kept = await vscode.commands.executeCommand<string>('runbook.enableRunLenses', document.uri);
    assert.equal(kept, 'folder setting');
    assert.ok(vscode.workspace.getConfiguration('runbook', document.uri).get<string[]>('files')?.includes('README.md'));
    const titles = (await codeLensesOf(document)).map((lens) => lens.command?.title);
    assert.ok(titles.includes('▶ Run step'), titles.join(', '));
  });

  it('offers, with one lens at the top, Run lenses to a file whose title says it is a runbook', async () => {
    const procedure = '# Payments - Incident Response Procedures\n\n## Investigate\n\n```bash\necho checking\n```\n';
    await vscode.workspace.fs.writeFile(workspaceUri('procedures.md'), Buffer.from(procedure));
    const document = await openRunbook('procedures.md');
    const offered = await runbookLenses(document.uri);
    assert.deepEqual(
      offered.map((lens) => [lens.range.start.line, lens.command?.command]),
      [[0, 'runbook.enableRunLenses']],
    );
    await vscode.commands.executeCommand(offered[0]!.command!.command, ...(offered[0]!.command!.arguments ?? []));
    const titles = (await codeLensesOf(document)).map((lens) => lens.command?.title);
    assert.ok(titles.includes('▶ Run step'), titles.join(', '));
  });

  it('gives lenses to a file under runbooks/ without frontmatter', async () => {
    await vscode.workspace.fs.writeFile(workspaceUri('runbooks/restart.md'), Buffer.from(readme.replace('npm install my-lib', 'echo restart')));
    const document = await openRunbook('runbooks/restart.md');
    const titles = (await codeLensesOf(document)).map((lens) => lens.command?.title);
    assert.ok(titles.includes('▶ Run step'), titles.join(', '));
  });
});
