import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRunbook, runStep, type Runbook, type Step, type StepResult } from 'runbook-core';
import { useTempDir } from './temp-dir.ts';

const fixture = fileURLToPath(new URL('../fixtures/run/session.md', import.meta.url));

describe('runStep on steps parsed from Markdown', () => {
  const dir = useTempDir();
  let runbook: Runbook;
  const step = (name: string): Step => {
    const found = runbook.steps.find((candidate) => candidate.name === name);
    assert.ok(found, `step ${name}`);
    return found;
  };

  beforeEach(() => {
    cpSync(fixture, join(dir.path, 'session.md'));
    mkdirSync(join(dir.path, 'scripts'));
    runbook = parseRunbook(readFileSync(fixture, 'utf8'), { path: join(dir.path, 'session.md') });
  });

  it('runs a session: what one step exports, the next steps read, in bash, sh and python', async () => {
    // Python is not analysed, so the parser rates it `mutate`: `yes` stands for the responder's go-ahead.
    const session = { runbookDir: dir.path, yes: true, incident: { INCIDENT_ID: 'INC-20250101-0930' }, variables: { SERVICE: 'checkout' } };
    let exported: Record<string, string> = {};
    const results: StepResult[] = [];
    for (const name of ['find-pod', 'use-pod', 'python-reads']) {
      const result = await runStep(step(name), { ...session, exported });
      exported = { ...exported, ...result.exported };
      results.push(result);
    }
    assert.deepEqual(
      results.map((result) => result.stdout),
      [
        'incident INC-20250101-0930: found checkout-7d9f\n',
        `inspecting checkout-7d9f in ${dir.path.split('/').pop()}\n`,
        'python sees checkout-7d9f in scripts\n',
      ],
    );
    assert.deepEqual(exported, { POD: 'checkout-7d9f' });
    assert.ok(results.every((result) => !result.failed));
  });

  it('redacts a secret variable in what the step prints', async () => {
    const token = 'tkn_8f3a9c1d2e';
    const result = await runStep(step('status-api'), { runbookDir: dir.path, variables: { API_TOKEN: token }, secrets: [token] });
    assert.equal(result.stdout, 'calling with token ***\n');
  });

  it('runs one mitigation alternative at a time, each after its own confirmation', async () => {
    writeFileSync(join(dir.path, 'cache.db'), '');
    const confirmed: string[] = [];
    const confirm = ({ plan }: { plan: { commands: Array<{ heading?: string }> } }): boolean => {
      confirmed.push(plan.commands.map((command) => command.heading).join('|'));
      return true;
    };
    await runStep(step('alternatives'), { runbookDir: dir.path, commands: ['2'], confirm });
    assert.deepEqual(readdirSync(dir.path).sort(), ['cache.db', 'scaled-1', 'scaled-2', 'scripts', 'session.md']);
    await runStep(step('alternatives'), { runbookDir: dir.path, commands: ['drop the cache'], confirm });
    assert.equal(existsSync(join(dir.path, 'cache.db')), false);
    assert.equal(existsSync(join(dir.path, 'restarted')), false);
    assert.deepEqual(confirmed, ['2. Scale out|2. Scale out', '3. Drop the cache']);
  });

  it('stops a step at its timeout attribute', async () => {
    const result = await runStep(step('slow-check'), { runbookDir: dir.path });
    assert.equal(result.timedOut, true);
    assert.equal(result.stdout, 'waiting\n');
    assert.match(result.shortMessage, /^Step "slow-check" timed out after 1000 milliseconds/);
  });
});
