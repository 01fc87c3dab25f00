import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';
import { runCli } from './cli-harness.ts';

// The user's mitigation block: six headed alternatives, seven commands (rollback is two).
const mitigation = 'immediate-mitigation-options';

interface PlannedJson {
  steps: Array<{ plan: { selected: boolean; commands: Array<{ index: number; text: string }> } }>;
}

/** `[N] risk…` lines of a text plan, with the command's first line below each. */
function numberedCommands(text: string): Map<number, string> {
  const found = new Map<number, string>();
  const lines = text.split('\n');
  lines.forEach((line, at) => {
    const match = /^ {2}\[(\d+)\] (?:read|mutate|destroy)\b/.exec(line);
    if (match) found.set(Number(match[1]), (lines[at + 1] ?? '').trim());
  });
  return found;
}

describe("one numbering: what plan and list show is what --command takes (the user's runbook)", () => {
  let dir = '';
  before(function () {
    const source = requireMaterial(this, userRunbookPath(), 'user runbook');
    dir = mkdtempSync(join(tmpdir(), 'runbook-numbering-'));
    copyFileSync(source, join(dir, 'runbook.md'));
  });
  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });
  const cli = (...argv: string[]) => runCli(argv, { cwd: dir });
  const selected = async (...choice: string[]): Promise<number[]> => {
    const result = await cli('plan', 'runbook.md', '--step', mitigation, ...choice, '--format', 'json');
    assert.equal(result.code, 0, result.stderr);
    const plan = (JSON.parse(result.stdout) as PlannedJson).steps[0]?.plan;
    assert.equal(plan?.selected, true);
    return (plan?.commands ?? []).map((command) => command.index + 1);
  };

  it('every number plan prints for the mitigation block selects exactly that command', async () => {
    const whole = await cli('plan', 'runbook.md', '--step', mitigation);
    assert.equal(whole.code, 0, whole.stderr);
    const numbered = numberedCommands(whole.stdout);
    assert.deepEqual([...numbered.keys()], [1, 2, 3, 4, 5, 6, 7]);
    for (const [number, text] of numbered) {
      const alone = await cli('plan', 'runbook.md', '--step', mitigation, '--command', String(number));
      assert.equal(alone.code, 0, alone.stderr);
      assert.deepEqual([...numberedCommands(alone.stdout)], [[number, text]], `--command ${number}`);
      assert.deepEqual(await selected('--command', String(number)), [number]);
    }
    // The case: [4] is the database failover, [5] the first rollback, whatever the headings say.
    assert.match(numbered.get(4) ?? '', /^aws rds failover-db-cluster/);
    assert.match(numbered.get(5) ?? '', /^kubectl rollout undo deployment\/smartcloudops-api/);
  });

  it('every --command the plan suggests for an alternative selects exactly its commands', async () => {
    const whole = await cli('plan', 'runbook.md', '--step', mitigation);
    const suggested = [...whole.stdout.matchAll(/^ {2}--command (\S+) +(read|mutate|destroy) +(.+)$/gm)].map((match) => [match[1] ?? '', match[3] ?? '']);
    assert.deepEqual(
      suggested.map(([choice]) => choice),
      ['1', '2', '3', '4', '5-6', '7'],
    );
    const headings = new Map([...numberedCommands(whole.stdout).keys()].map((number) => [number, headingOf(whole.stdout, number)]));
    for (const [choice, label] of suggested) {
      const numbers = await selected('--command', choice ?? '');
      assert.ok(numbers.length > 0);
      for (const number of numbers) assert.equal(headings.get(number), label, `--command ${choice}`);
    }
    assert.equal((await selected('--command', 'all')).length, 7);
  });

  it('list numbers the commands as plan does', async () => {
    const plan = numberedCommands((await cli('plan', 'runbook.md', '--step', mitigation)).stdout);
    const listed = await cli('list', 'runbook.md');
    assert.equal(listed.code, 0, listed.stderr);
    const start = listed.stdout.indexOf(mitigation);
    assert.ok(start > 0);
    const block = listed.stdout.slice(start).split('\n').slice(1, 8);
    assert.deepEqual(
      block.map((line) => Number(/^\s+\[(\d+)\]/.exec(line)?.[1])),
      [...plan.keys()],
    );
    block.forEach((line, at) => {
      const first = (plan.get(at + 1) ?? '').slice(0, 40);
      assert.ok(line.includes(first), `list line ${at + 1} shows ${line}, plan ${first}`);
    });
  });

  it('takes ranges and lists; headings only in an explicit form', async () => {
    assert.deepEqual(await selected('--command', '2-4'), [2, 3, 4]);
    assert.deepEqual(await selected('--command', '1,3'), [1, 3]);
    assert.deepEqual(await selected('--command', '5'), [5]);
    assert.deepEqual(await selected('--command', '#5'), [5, 6]);
    assert.deepEqual(await selected('--heading', '5'), [5, 6]);
    assert.deepEqual(await selected('--heading', 'Circuit Breaker Activation'), [7]);
    assert.deepEqual(await selected('--command', '#6'), [7]);
  });

  it('names the valid range when a number is out of it (exit 2, no stack trace)', async () => {
    for (const bad of ['8', '0', '6-9']) {
      const result = await cli('plan', 'runbook.md', '--step', mitigation, '--command', bad);
      assert.equal(result.code, 2, bad);
      assert.match(result.stderr, /has no command \d+ \(valid: 1–7; a heading is --heading <text\|number> or --command '#5'\)/, bad);
      assert.match(result.stderr, /\n {2}7\. # 6\. Circuit Breaker Activation: kubectl patch configmap/);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
    const backwards = await cli('plan', 'runbook.md', '--step', mitigation, '--command', '4-2');
    assert.equal(backwards.code, 2);
    assert.match(backwards.stderr, /runs backwards; write 2-4/);
    const noHeading = await cli('plan', 'runbook.md', '--step', mitigation, '--heading', '9');
    assert.equal(noHeading.code, 2);
    assert.match(noHeading.stderr, /matches no heading/);
  });
});

/** The heading plan shows after a command's risk (`— 5. Rollback Deployment`). */
function headingOf(plan: string, number: number): string | undefined {
  const line = plan.split('\n').find((candidate) => candidate.startsWith(`  [${number}] `));
  return line?.split(' — ').at(-1);
}
