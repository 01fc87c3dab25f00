import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { runStep } from '../../src/run/index.ts';
import { loadShellGrammar } from '../../src/shell/index.ts';
import { failingPrograms } from './fake-programs.ts';
import { useTempDir } from './temp-dir.ts';

describe("runStep: failed commands of the user's runbook", () => {
  const dir = useTempDir();

  it("reports the kubectl commands of the user's investigation step", async function () {
    const path = requireMaterial(this, userRunbookPath(), 'user runbook');
    await loadShellGrammar();
    const runbook = parseRunbook(readFileSync(path, 'utf8'), { path });
    const step = runbook.steps.find((candidate) => candidate.section === 'technical-investigation-workflow');
    assert.ok(step, 'the investigation step');
    const env = failingPrograms(dir.path, { kubectl: 1, curl: 7, jq: 0 });
    const result = await runStep(step, { env, yes: true });
    assert.equal(result.failed, true);
    const kubectl = step.commands.filter((command) => command.programs.includes('kubectl'));
    assert.ok(kubectl.length >= 8);
    const reported = new Map(result.failedCommands?.map((command) => [command.number, command]));
    for (const command of kubectl) {
      assert.equal(reported.get(command.index + 1)?.line, command.position.start.line, `command ${command.index + 1}: ${command.text}`);
    }
  });

  it("passes the user's investigation step on a healthy cluster, where its searches find nothing", async function () {
    const path = requireMaterial(this, userRunbookPath(), 'user runbook');
    await loadShellGrammar();
    const runbook = parseRunbook(readFileSync(path, 'utf8'), { path });
    const step = runbook.steps.find((candidate) => candidate.section === 'technical-investigation-workflow');
    assert.ok(step, 'the investigation step');
    // Tools that answer and print nothing: `| grep -v Running` and `| grep -i error` select no line.
    const env = failingPrograms(dir.path, { kubectl: 0, curl: 0, jq: 0 });
    const result = await runStep(step, { env, yes: true });
    assert.equal(result.failedCommands, undefined, result.shortMessage);
    assert.equal(result.failed, false);
  });
});
