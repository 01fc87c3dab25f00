import assert from 'node:assert/strict';
import { codeLensesOf, lensTitlesByLine, openRunbook } from '../workbench.ts';

describe('CodeLenses', () => {
  it('offer run, dry run and copy on each runnable step, run per command, and copy on templates', async () => {
    const document = await openRunbook('demo.md');
    const lenses = await codeLensesOf(document);
    assert.deepEqual(lensTitlesByLine(document, lenses), [
      ['```bash {name=say-hello confirm=false}', ['▶ Run step', 'Dry run', 'Copy rendered']],
      ['```sh {name=fail-on-purpose}', ['▶ Run step', 'Dry run', 'Copy rendered']],
      ['echo "failing on purpose" >&2', ['▶ Run']],
      ['exit 3', ['▶ Run']],
      ['```bash {name=clean-up}', ['▶ Run step', 'Dry run', 'Copy rendered']],
      ['```text', ['Copy rendered']],
    ]);
  });

  it("cover every bash block of the user's own runbook, with one lens per numbered command group", async () => {
    const document = await openRunbook('incident-response.md');
    const byLine = lensTitlesByLine(document, await codeLensesOf(document));
    const runStep = byLine.filter(([, titles]) => titles.includes('▶ Run step')).map(([line]) => line);
    assert.equal(runStep.length, 8);
    assert.ok(
      runStep.every((line) => line === '```bash'),
      runStep.join('\n'),
    );
    const groups = byLine.flatMap(([, titles]) => titles.filter((title) => title.startsWith('▶ Run "')));
    assert.ok(groups.includes('▶ Run "1. System Health Check"'), groups.join('\n'));
    assert.ok(groups.includes('▶ Run "8. Monitoring Alerts"'), groups.join('\n'));
  });
});
