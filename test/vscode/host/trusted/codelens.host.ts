import assert from 'node:assert/strict';
import { codeLensesOf, lensTitlesByLine, openRunbook } from '../workbench.ts';

describe('CodeLenses', () => {
  it('offer run, dry run and copy on each runnable step, run per command, and copy on templates', async () => {
    const document = await openRunbook('demo.md');
    const lenses = await codeLensesOf(document);
    assert.deepEqual(lensTitlesByLine(document, lenses), [
      ['```bash {name=say-hello confirm=false}', ['▶ Run step', 'Dry run', 'Copy rendered']],
      ['```sh {name=fail-on-purpose}', ['▶ Run step', 'Dry run', 'Copy rendered']],
      ['echo "failing on purpose" >&2', ['▶ Run command 1']],
      ['exit 3', ['▶ Run command 2']],
      ['```bash {name=clean-up}', ['▶ Run step', 'Dry run', 'Copy rendered']],
      ['```text', ['Copy rendered']],
    ]);
  });
});
