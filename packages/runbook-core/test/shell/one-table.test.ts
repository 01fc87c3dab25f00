// The risk analysis and the context guard read shell with one parser and one
// table of wrappers and valued flags: on every example of that table, the
// cluster clients the risk analysis lists are the ones the guard reads (or
// says it cannot read).
import assert from 'node:assert/strict';
import { readClusterUse } from '../../src/kubernetes/guard/cluster-invocations.ts';
import { findClusterProgram } from '../../src/kubernetes/guard/cluster-programs.ts';
import { analyzeShell, loadShellGrammar } from '../../src/shell/index.ts';
import { argumentSyntax, commandWrappers, riskTable } from '../../src/shell/risk-table.ts';
import { shellQuote } from './shell-quote.ts';

describe('one shell reading and one table for the risk analysis and the guard', () => {
  before(() => loadShellGrammar());

  const examples = [...riskTable.map((row) => row.example), ...commandWrappers.map((wrapper) => wrapper.example)];
  it(`agree on the cluster clients of all ${examples.length} table examples`, () => {
    let clusterExamples = 0;
    for (const example of examples) {
      const code = shellQuote(example);
      const listed = analyzeShell(code).commands.flatMap((command) => command.programs.map((name) => name.slice(name.lastIndexOf('/') + 1)));
      const clients = listed.filter((name) => findClusterProgram(name));
      const reading = readClusterUse(code);
      if (clients.length > 0) clusterExamples++;
      if (reading.unreadable.length > 0) continue;
      assert.deepEqual(
        reading.invocations.filter((invocation) => invocation.switchesKubeconfig === undefined).map((invocation) => invocation.program),
        clients,
        code,
      );
    }
    assert.ok(clusterExamples >= 20, `examples with cluster clients: ${clusterExamples}`);
  });

  it("reads kubectl's operands past every valued flag of the table", () => {
    for (const flag of argumentSyntax.kubectl!.optionsWithValue!) {
      const [invocation] = readClusterUse(`kubectl ${flag} value get nodes`).invocations;
      assert.equal(invocation?.clusterScoped, true, `${flag}: 'value' was taken for the verb`);
    }
  });
});
