import assert from 'node:assert/strict';
import { runCli, useWorkspace } from './cli-harness.ts';

describe('runbook plan', () => {
  const workspace = useWorkspace('read-only.md', 'secrets.md', 'demo');
  const cli = (argv: string[]) => runCli(argv, { cwd: workspace.dir });

  it('shows every step with commands, risk, values and what is missing, running nothing', async () => {
    const result = await cli(['plan', 'demo.md']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^── disk-usage \nStep "disk-usage" — risk: read\nInterpreter: bash\n/);
    assert.match(
      result.stdout,
      /── clear-scratch \nStep "clear-scratch" — risk: destroy\n[\s\S]*\[1\] mutate[\s\S]*\[2\] destroy[^\n]*\n\s+rm -rf "\$\{SCRATCH_DIR:\?\}"\n[\s\S]*Values: SCRATCH_DIR=\.runbook\/demo-scratch\n/,
    );
    assert.match(result.stdout, /Values nobody gives yet \(a run asks on a terminal, or pass --var NAME=…\):\n {2}INCIDENT_ID, read by compare-threshold\n/);
    assert.match(result.stdout, /Dry run: nothing was run\.\n$/);
  });

  it('masks secret values', async () => {
    const result = await runCli(['plan', 'secrets.md', '--var', 'API_TOKEN=very-secret-value'], { cwd: workspace.dir });
    assert.match(result.stdout, /Values: TARGET=status, API_TOKEN=\*\*\*\n/);
    assert.ok(!result.stdout.includes('very-secret-value'));
  });

  it('gives the plans as JSON, --command 2 being the second command (not heading 2)', async () => {
    const result = await cli(['plan', 'read-only.md', '--step', 'alternatives', '--command', '2', '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const plan = JSON.parse(result.stdout) as {
      steps: Array<{ stepId: string; plan: { selected: boolean; commands: Array<{ index: number; number: number }> } }>;
    };
    assert.deepEqual(
      plan.steps.map((step) => [step.stepId, step.plan.selected, step.plan.commands.map((command) => [command.index, command.number])]),
      [['alternatives', true, [[1, 2]]]],
    );
    const heading = await cli(['plan', 'read-only.md', '--step', 'alternatives', '--heading', '2', '--format', 'json']);
    assert.equal(heading.code, 0, heading.stderr);
    const byHeading = JSON.parse(heading.stdout) as { steps: Array<{ plan: { commands: Array<{ index: number }> } }> };
    assert.deepEqual(
      byHeading.steps[0]?.plan.commands.map((command) => command.index),
      [1, 2],
    );
  });
});
