import assert from 'node:assert/strict';
import { codeLensesOf, openRunbook } from '../workbench.ts';

describe('Run step CodeLens', () => {
  it('sits on the opening fence of each shell step of the demo runbook, and on no other block', async () => {
    const document = await openRunbook('demo.md');
    const lenses = await codeLensesOf(document);
    const fences = lenses.map((lens) => document.lineAt(lens.range.start.line).text);
    assert.deepEqual(fences, ['```bash {name=say-hello}', '```sh {name=fail-on-purpose}']);
    assert.ok(lenses.every((lens) => lens.command?.title === '▶ Run step' && lens.command.command === 'runbook.runStep'));
  });

  it("covers every bash block of the user's own runbook", async () => {
    const document = await openRunbook('incident-response.md');
    const lenses = await codeLensesOf(document);
    const fences = lenses.map((lens) => document.lineAt(lens.range.start.line).text);
    assert.equal(fences.length, 8);
    assert.ok(fences.every((line) => line === '```bash'), fences.join('\n'));
  });
});
