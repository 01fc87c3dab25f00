import assert from 'node:assert/strict';
import { closestMatch, editDistance } from '../../src/cli/did-you-mean.ts';
import { runCli, useWorkspace } from './cli-harness.ts';

describe("a first-time user's errors", () => {
  const workspace = useWorkspace('demo');
  const cli = (argv: string[], env: NodeJS.ProcessEnv = {}) => runCli(argv, { cwd: workspace.dir, env });

  it('runbook alone prints the help on stderr and exits 2; --help exits 0', async () => {
    const bare = await cli([]);
    assert.equal(bare.code, 2);
    assert.equal(bare.stdout, '');
    assert.match(bare.stderr, /^Usage: runbook <command> \[options\]\n[\s\S]*\n {2}incident {2}/);
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.equal(help.stdout, bare.stderr);
  });

  it('suggests the command, subcommand and flag meant', async () => {
    for (const [argv, message] of [
      [['incidnet', 'status'], /unknown command 'incidnet' \(did you mean 'runbook incident'\?\)/],
      [['lnt', 'x.md'], /unknown command 'lnt' \(did you mean 'runbook lint'\?\)/],
      [['incident', 'stauts'], /unknown subcommand 'stauts' \(did you mean 'runbook incident status'\?\)/],
      [['incident', 'start', '--sevrity', 'P1'], /Unknown option '--sevrity' \(did you mean --severity\?\)/],
      [['check', 'demo.md', 'x', '--unchek'], /Unknown option '--unchek' \(did you mean --uncheck\?\)/],
    ] as Array<[string[], RegExp]>) {
      const result = await cli(argv);
      assert.equal(result.code, 2, argv.join(' '));
      assert.match(result.stderr, message);
    }
    const far = await cli(['frobnicate']);
    assert.equal(far.code, 2);
    assert.doesNotMatch(far.stderr, /did you mean/);
  });

  it('suggests the runbook file and the step meant', async () => {
    const file = await cli(['list', 'dmeo.md']);
    assert.equal(file.code, 2);
    assert.match(file.stderr, /no such file or directory: dmeo\.md \(did you mean demo\.md\?\)/);
    const bare = await cli(['plan', 'demo']);
    assert.match(bare.stderr, /no such file: demo \(did you mean demo\.md\?\)/);
    const step = await cli(['run', 'demo.md', '--step', 'disk-usgae', '--dry-run']);
    assert.equal(step.code, 2);
    assert.match(step.stderr, /no step 'disk-usgae' in demo\.md \(did you mean 'disk-usage'\?\)/);
  });

  it('suggests the checklist item meant, by a typo or by its words', async () => {
    await cli(['incident', 'start', '--severity', 'P2', '--title', 'disk']);
    const typo = await cli(['check', 'demo.md', 'Acknowlege the alert']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /no checklist item 'Acknowlege the alert' in .*demo\.md \(did you mean 'Acknowledge the alert', [^?]+\?\)/);
    const words = await cli(['check', 'demo.md', 'post update status now']);
    assert.match(words.stderr, /\(did you mean 'Post a status update'/);
  });

  it('check --list shows the real state of every item in the incident, and the file without one', async () => {
    const none = await cli(['check', 'demo.md', '--list']);
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /^Checklist of demo\.md in demo\.md \(no incident: the boxes in the file\): 0 of 3 ticked\n/);
    await cli(['incident', 'start', '--severity', 'P2', '--title', 'disk']);
    assert.equal((await cli(['check', 'demo.md', 'Post a status update'], { RUNBOOK_USER: 'sam' })).code, 0);
    const listed = await cli(['check', 'demo.md', '--list']);
    assert.equal(listed.code, 0, listed.stderr);
    const lines = listed.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^Checklist of demo\.md in INC-\S+: 1 of 3 ticked$/);
    assert.match(lines[1] ?? '', /^ {2}\[ \] Acknowledge the alert {2}\(/);
    assert.match(lines[3] ?? '', /^ {2}\[x\] Post a status update {2}\(.+\) {2}— sam \d\d:\d\d UTC$/);
    const json = JSON.parse((await cli(['check', 'demo.md', '--list', '--format', 'json'])).stdout) as { items: { checked: boolean; inFile: boolean }[] };
    assert.deepEqual(
      json.items.map((item) => [item.checked, item.inFile]),
      [
        [false, false],
        [false, false],
        [true, false],
      ],
    );
  });

  it('measures edits with transpositions and keeps far words unmatched', () => {
    assert.equal(editDistance('stauts', 'status'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(closestMatch('resolv', ['resolve', 'reopen']), 'resolve');
    assert.equal(closestMatch('sw', ['switch', 'status']), 'switch');
    assert.equal(closestMatch('s', ['switch', 'status']), undefined);
    assert.equal(closestMatch('xyz', ['start', 'status']), undefined);
  });
});
