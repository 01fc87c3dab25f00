import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { journal, runCli, startIncident, useWorkspace } from './cli-harness.ts';

describe('runbook run', () => {
  const workspace = useWorkspace('read-only.md', 'failing.md', 'demo');
  const cli = (argv: string[], options: { interactive?: boolean; input?: string; env?: NodeJS.ProcessEnv } = {}) =>
    runCli(argv, { cwd: workspace.dir, ...options });

  it('runs every step of a runbook whose steps only read, in order, and records them', async () => {
    const id = await startIncident(workspace.dir);
    const result = await cli(['run', 'read-only.md', '--var', 'REGION=eu-west-1']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `service=checkout region=eu-west-1\nfound v1.2.3\nincident=${id} version=v1.2.3\nfirst\nsecond\nsecond again\n`);
    assert.match(result.stderr, /✓ who succeeded/);
    const events = journal(workspace.dir, id);
    const stepEvents = events.filter((event) => String(event.type).startsWith('step-')).map((event) => `${String(event.type)} ${String(event.stepId)}`);
    assert.deepEqual(stepEvents, [
      'step-started who',
      'step-finished who',
      'step-started version',
      'step-finished version',
      'step-started report',
      'step-finished report',
      'step-started alternatives',
      'step-finished alternatives',
    ]);
    const finished = events.find((event) => event.type === 'step-finished')!;
    assert.equal(finished.exitCode, 0);
    assert.equal(finished.who, 'tester');
    assert.match(String(finished.logFile), /^logs\/.+-who\.log$/);
    assert.equal(readFileSync(join(workspace.dir, '.runbook', 'incidents', id, String(finished.logFile)), 'utf8'), 'service=checkout region=eu-west-1\n');
  });

  it('refuses to run a whole runbook that has risky steps, listing the steps (exit 2)', async () => {
    const result = await cli(['run', 'demo.md']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /has steps that change things \(clear-scratch\); choose with --step/);
    assert.match(result.stderr, /--all/);
    assert.match(result.stderr, /disk-usage {2}\(read, bash, line \d+\)/);
  });

  it('names the known steps for an unknown one (exit 2)', async () => {
    const result = await cli(['run', 'demo.md', '--step', 'nope']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no step 'nope' in demo\.md\. Known steps:\n {2}disk-usage/);
    assert.match(result.stderr, /clear-scratch {2}\(destroy/);
  });

  it('finds a step by section slug and id hash as well as by name', async () => {
    const bySection = await cli(['run', 'read-only.md', '--step', 'find-the-version']);
    assert.equal(bySection.code, 0, bySection.stderr);
    assert.equal(bySection.stdout, 'found v1.2.3\n');
  });

  it('hands exports to later steps, also in a later process of the same incident', async () => {
    const id = await startIncident(workspace.dir);
    const first = await cli(['run', 'demo.md', '--step', 'disk-usage', '--step', 'fullest-filesystem']);
    assert.equal(first.code, 0, first.stderr);
    const mount = /Fullest: (.+) at (\d+)%/.exec(first.stdout);
    assert.ok(mount, first.stdout);
    const second = await cli(['run', 'demo.md', '--step', 'compare-threshold']);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`^Incident ${id}: ${mount[1]!.replace(/[/.]/g, '\\$&')} is (above|below) 90%\\n$`));
    const variables = journal(workspace.dir, id).filter((event) => event.type === 'variable-set');
    assert.deepEqual(variables.map((event) => [event.name, event.value]).sort(), [
      ['FULLEST_MOUNT', mount[1]],
      ['FULLEST_PERCENT', mount[2]],
    ]);
  });

  it('lets --var win over a value an earlier step exported', async () => {
    await startIncident(workspace.dir);
    await cli(['run', 'read-only.md', '--step', 'version']);
    const result = await cli(['run', 'read-only.md', '--step', 'report', '--var', 'DEPLOYED_VERSION=v9']);
    assert.match(result.stdout, /version=v9\n$/);
  });

  it('refuses a risky step without a terminal and without --yes (exit 3), runs nothing and records the refusal', async () => {
    const id = await startIncident(workspace.dir);
    const scratch = join(workspace.dir, '.runbook', 'demo-scratch');
    const result = await cli(['run', 'demo.md', '--step', 'disk-usage', '--step', 'clear-scratch']);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /clear-scratch refused: step 'clear-scratch' asks for confirmation \(confirm=true\); no terminal to confirm on; pass --yes/);
    // Refused before anything ran: not even the read-only step before it.
    assert.equal(result.stdout, '');
    const events = journal(workspace.dir, id);
    assert.deepEqual(
      events.filter((event) => String(event.type).startsWith('step-')).map((event) => event.type),
      ['step-refused'],
    );
    assert.equal(existsSync(scratch), false);
  });

  it('runs a risky step with --yes', async () => {
    const result = await cli(['run', 'demo.md', '--step', 'clear-scratch', '--yes']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'Cleared .runbook/demo-scratch\n');
  });

  it('asks on a terminal, showing commands, risk and values; no means exit 3 and nothing runs', async () => {
    // A folder: the step's `mkdir -p` accepts it, and `rm -rf` is what a yes lets through.
    mkdirSync(join(workspace.dir, 'keep'));
    writeFileSync(join(workspace.dir, 'keep', 'file.txt'), 'x');
    const declined = await cli(['run', 'demo.md', '--step', 'clear-scratch', '--var', 'SCRATCH_DIR=keep'], { interactive: true, input: 'n\n' });
    assert.equal(declined.code, 3);
    assert.match(declined.stderr, /Run DESTRUCTIVE step "clear-scratch"\?/);
    assert.match(declined.stderr, /\[2\] destroy rm -rf "\$\{SCRATCH_DIR:\?\}"/);
    assert.match(declined.stderr, /Values: SCRATCH_DIR=keep\n/);
    assert.match(declined.stderr, /Run 2 commands \(1 destructive\)\? \[y\/N, d = details\]/);
    assert.match(declined.stderr, /refused: not confirmed/);
    assert.ok(existsSync(join(workspace.dir, 'keep', 'file.txt')));
    const accepted = await cli(['run', 'demo.md', '--step', 'clear-scratch', '--var', 'SCRATCH_DIR=keep'], { interactive: true, input: 'y\n' });
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.equal(existsSync(join(workspace.dir, 'keep')), false);
  });

  it('without a terminal, names the --var to pass for a value nobody gives (exit 2)', async () => {
    const result = await cli(['run', 'read-only.md', '--step', 'who']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /REGION \(Where it runs\.\), read by who: pass --var REGION=…/);
    assert.equal(result.stdout, '');
  });

  it('points at the step that exports a missing value, and at incidents for INCIDENT_ values', async () => {
    const result = await cli(['run', 'read-only.md', '--step', 'report']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /INCIDENT_ID, read by report: pass --var INCIDENT_ID=…; incidents give it/);
    assert.match(result.stderr, /DEPLOYED_VERSION, read by report: pass --var DEPLOYED_VERSION=…; step version exports it/);
  });

  it('does not count a value an earlier chosen step exports as missing', async () => {
    await startIncident(workspace.dir);
    const result = await cli(['run', 'read-only.md', '--step', 'version', '--step', 'report']);
    assert.equal(result.code, 0, result.stderr);
  });

  it('asks for a missing value on a terminal', async () => {
    const result = await cli(['run', 'read-only.md', '--step', 'who'], { interactive: true, input: 'ap-south-1\n' });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /REGION — Where it runs\.: /);
    assert.equal(result.stdout, 'service=checkout region=ap-south-1\n');
  });

  it('takes values from the environment over declared defaults', async () => {
    const result = await cli(['run', 'read-only.md', '--step', 'who'], { env: { SERVICE: 'payments', REGION: 'us' } });
    assert.equal(result.stdout, 'service=payments region=us\n');
  });

  it('stops at the first failing step (exit 1) and records its exit code', async () => {
    const id = await startIncident(workspace.dir);
    const result = await cli(['run', 'failing.md', '--step', 'fails', '--step', 'after']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, 'about to fail\n');
    assert.match(result.stderr, /✗ fails failed with exit code 3/);
    assert.match(result.stderr, /full output: .*\.runbook\/incidents\/.*-fails\.log/);
    const finished = journal(workspace.dir, id).filter((event) => event.type === 'step-finished');
    assert.deepEqual(
      finished.map((event) => [event.stepId, event.exitCode]),
      [['fails', 3]],
    );
  });

  it('stops a step at --timeout (exit 1) and records the timeout', async () => {
    const id = await startIncident(workspace.dir);
    const result = await cli(['run', 'failing.md', '--step', 'sleeps', '--timeout', '300ms']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /✗ sleeps timed out/);
    const finished = journal(workspace.dir, id).find((event) => event.type === 'step-finished');
    assert.equal(finished?.timedOut, true);
  });

  it('runs only the commands chosen with --command, by heading or by number', async () => {
    const byHeading = await cli(['run', 'read-only.md', '--step', 'alternatives', '--command', 'Second look']);
    assert.equal(byHeading.stdout, 'second\nsecond again\n');
    const byNumber = await cli(['run', 'read-only.md', '--step', 'alternatives', '--command', '1']);
    assert.equal(byNumber.stdout, 'first\n');
    const bad = await cli(['run', 'read-only.md', '--step', 'alternatives', '--command', 'third']);
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /--command 'third' matches no heading and no command of step 'alternatives'\. Its commands:\n {2}1\. # 1\. First look: echo first/,
    );
  });

  it('prints the plan with --dry-run and runs and records nothing', async () => {
    const id = await startIncident(workspace.dir);
    const result = await cli(['run', 'demo.md', '--dry-run']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /── clear-scratch \n.*risk: destroy/);
    assert.match(result.stdout, /Dry run: nothing was run or recorded/);
    assert.equal(journal(workspace.dir, id).length, 1);
  });

  it('reports every step as JSON with --format json', async () => {
    const id = await startIncident(workspace.dir);
    const result = await cli(['run', 'read-only.md', '--step', 'version', '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { incident: string; exitCode: number; steps: Array<{ stepId: string; status: string; stdout: string }> };
    assert.equal(report.incident, id);
    assert.deepEqual(
      report.steps.map((step) => [step.stepId, step.status, step.stdout]),
      [['version', 'succeeded', 'found v1.2.3\n']],
    );
  });

  it('exits 2 with a clear message for bad input', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['run'], /missing the runbook file/],
      [['run', 'missing.md'], /no such file: missing\.md/],
      [['run', 'demo.md', '--timeout', '30'], /--timeout must be a duration such as 30s, 5m or 1h30m, not '30'/],
      [['run', 'demo.md', '--format', 'xml'], /--format must be text or json, not 'xml'/],
      [['run', 'demo.md', '--var', 'nope'], /--var needs NAME=value/],
      [['run', 'demo.md', '--bogus'], /Unknown option '--bogus'/],
      [['run', 'demo.md', '--incident', 'INC-none'], /no incident 'INC-none'/],
      [['run', 'demo.md', '--command', '1'], /--command needs exactly one --step/],
      [['run', 'demo.md', '--step', 'disk-usage', '--all'], /either --step or --all/],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(argv);
      assert.equal(result.code, 2, argv.join(' '));
      assert.match(result.stderr, message, argv.join(' '));
    }
  });

  it('refuses to record in a resolved incident', async () => {
    await startIncident(workspace.dir);
    await cli(['incident', 'resolve']);
    const listed = await cli(['incident', 'list', '--format', 'json']);
    const [only] = JSON.parse(listed.stdout) as Array<{ id: string }>;
    const result = await cli(['run', 'read-only.md', '--step', 'version', '--incident', only!.id]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /is resolved; start a new one/);
  });

  it('runs outside an incident, saying nothing is recorded', async () => {
    const result = await cli(['run', 'read-only.md', '--step', 'version']);
    assert.equal(result.code, 0);
    assert.match(result.stderr, /no current incident, so nothing is recorded/);
    assert.equal(existsSync(join(workspace.dir, '.runbook', 'incidents')), false);
  });
});
