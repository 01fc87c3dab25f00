import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeLensesOf, eventually, extensionApi, openRunbook, workspaceUri } from '../workbench.ts';

const source = '# Page the team\n\n```bash {name=page confirm=false}\necho "paging ${ONCALL_TEAM}"\n```\n';

describe('undeclared variables in the editor', () => {
  before(async () => {
    // The extension is active (its API readable) once a runbook shows lenses.
    await codeLensesOf(await openRunbook('demo.md'));
  });

  it('marks the variable itself, keeps its hover readable, and declares it in a new frontmatter as a quick fix', async () => {
    await vscode.workspace.fs.writeFile(workspaceUri('runbooks/page.md'), Buffer.from(source));
    const document = await openRunbook('runbooks/page.md');
    const diagnostic = await eventually(() =>
      extensionApi()
        .diagnostics(document.uri)
        .find((candidate) => typeof candidate.code === 'object' && candidate.code.value === 'undeclared-variable'),
    );
    assert.equal(document.getText(diagnostic.range), '${ONCALL_TEAM}');
    // No finding spans the whole block over the variable.
    const spanning = extensionApi()
      .diagnostics(document.uri)
      .filter((candidate) => candidate.range.start.line !== candidate.range.end.line);
    assert.deepEqual(
      spanning.map((candidate) => candidate.message),
      [],
    );
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, diagnostic.range.start.translate(0, 2));
    const hoverText = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(hoverText, /ONCALL_TEAM.*not set/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const declare = actions.find((action) => action.title === 'Declare ONCALL_TEAM in the frontmatter');
    assert.ok(declare?.edit, `no declare quick fix among: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(declare.edit));
    assert.equal(document.getText(), `---\nvariables:\n  ONCALL_TEAM: { description: "Read by the step on line 3" }\n---\n\n${source}`);
    await eventually(
      () =>
        extensionApi()
          .diagnostics(document.uri)
          .every((candidate) => typeof candidate.code !== 'object' || candidate.code.value !== 'undeclared-variable') || undefined,
    );
  });
});
