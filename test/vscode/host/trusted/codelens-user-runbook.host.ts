import assert from 'node:assert/strict';
import { codeLensesOf, lensTitlesByLine, openRunbook } from '../workbench.ts';

// Built only when the user's runbook is here (the harness copies it into the workspace).
describe("CodeLenses on the user's runbook", () => {
  it("cover every bash block of the user's own runbook, with one lens per numbered command group", async () => {
    const document = await openRunbook('incident-response.md');
    const byLine = lensTitlesByLine(document, await codeLensesOf(document));
    const runStep = byLine.filter(([, titles]) => titles.some((title) => title.startsWith('▶ Run step'))).map(([line]) => line);
    assert.equal(runStep.length, 8);
    assert.ok(
      runStep.every((line) => line === '```bash'),
      runStep.join('\n'),
    );
    const groups = byLine.flatMap(([, titles]) => titles.filter((title) => title.startsWith('▶ Run command')));
    assert.ok(
      groups.some((title) => title.endsWith(' · 1. System Health Check')),
      groups.join('\n'),
    );
    assert.ok(
      groups.some((title) => title.endsWith(' · 8. Monitoring Alerts')),
      groups.join('\n'),
    );
    // The mitigation block's whole-block lens says the run asks which alternative.
    assert.ok(
      byLine.some(([, titles]) => titles.includes('▶ Run step… (choose 1 of 6 alternatives)')),
      byLine.map(([line, titles]) => `${line}: ${titles.join(' | ')}`).join('\n'),
    );
  });
});
