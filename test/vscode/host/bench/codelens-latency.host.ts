import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeLensesOf, extensionApi, openRunbook, workspaceUri } from '../workbench.ts';

const ROUNDS = 7;

// Run by bench/vscode-extension.bench.ts. Lines starting `measure:` reach the bench's output.
describe('editor speed', () => {
  it('reports activation time and CodeLens latency after a one-line edit in a 1 MB runbook', async function () {
    this.timeout(10 * 60_000);
    await openRunbook('demo.md');
    await codeLensesOf(await openRunbook('demo.md'));
    console.log(`measure: activate() ${extensionApi().activationMs.toFixed(1)} ms`);

    // The workspace holds the user's runbook only when the test material is here.
    const bytes = await vscode.workspace.fs.readFile(workspaceUri('incident-response.md')).then(
      (read) => read,
      () => undefined,
    );
    if (bytes === undefined) {
      console.log("measure: CodeLens latency not measured: the user's runbook is not here (set RUNBOOK_TEST_MATERIAL)");
      return;
    }
    const seed = Buffer.from(bytes).toString('utf8');
    const copies = Math.ceil(1_000_000 / seed.length);
    await vscode.workspace.fs.writeFile(workspaceUri('big.md'), Buffer.from(Array(copies).fill(seed).join('\n')));
    const document = await openRunbook('big.md');
    const firstStart = performance.now();
    const expected = (await codeLensesOf(document)).length;
    const first = performance.now() - firstStart;
    assert.ok(expected >= copies * 8, `${expected} lenses for ${copies} copies of a runbook with 8 bash steps`);

    const prose = [...Array(200).keys()].find((line) => /^[A-Za-z]/.test(document.lineAt(line).text)) ?? 0;
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(prose, 0), 'x');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const start = performance.now();
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      samples.push(performance.now() - start);
      assert.equal(lenses.filter((lens) => lens.command?.command.startsWith('runbook.')).length, expected);
    }
    const median = [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? NaN;
    const size = `${(document.getText().length / 1e6).toFixed(2)} MB`;
    console.log(`measure: CodeLenses of a ${size} runbook, first request (full parse): ${first.toFixed(0)} ms`);
    console.log(
      `measure: CodeLenses of a ${size} runbook after a one-line edit: median ${median.toFixed(1)} ms of ${samples.map((ms) => ms.toFixed(0)).join(', ')}`,
    );
    console.log(`measure: after-edit / first ratio ${(median / first).toFixed(3)}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
