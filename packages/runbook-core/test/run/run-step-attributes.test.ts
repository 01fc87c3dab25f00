import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { planStep, runStep, type ConfirmRequest } from '../../src/run/index.ts';
import { parseStep } from './parse-steps.ts';
import { useTempDir } from './temp-dir.ts';

describe('runStep: shell and interpreter attributes are code', () => {
  const dir = useTempDir();

  const hostile: Array<[string, string, string]> = [
    ['a shell attribute that runs its own code', 'bash {shell="sh -c touch${IFS}PWNED"}', 'echo harmless\n'],
    ['a shell attribute that says confirm=false', 'bash {shell="sh -c touch${IFS}PWNED" confirm=false}', 'echo harmless\n'],
    ['an interpreter attribute with -c', "python {interpreter=\"python3 -c open('PWNED','w')\"}", 'print("harmless")\n'],
    ['an interpreter attribute naming another program', 'bash {interpreter="env touch PWNED"}', 'echo harmless\n'],
    ['node with a preloaded module', 'js {interpreter="node -r ./PWNED.js"}', 'console.log("harmless")\n'],
    ['a relative path to a shell', 'bash {shell=./bash}', 'echo harmless\n'],
    ['a path that climbs', 'bash {shell=/tmp/../bin/sh}', 'echo harmless\n'],
    ['a python block run by bash', 'python {interpreter=bash}', 'print("harmless")\n'],
    ['a bash block run by python', 'bash {interpreter=python3}', 'echo harmless\n'],
    ['a text block run by bash', 'text {interpreter=bash}', 'echo harmless\n'],
  ];

  for (const [what, info, code] of hostile) {
    it(`counts ${what} as destroy, shows why, and runs nothing unconfirmed`, async () => {
      const step = await parseStep(code, info);
      const plan = planStep(step, { runbookDir: dir.path });
      assert.equal(plan.risk, 'destroy');
      assert.equal(plan.confirmation, 'risk');
      assert.ok(plan.unsafeInterpreter, 'the plan says why');
      assert.ok(plan.problems.some((problem) => problem.code === 'unsafe-interpreter' && problem.message.endsWith('the step counts as destroy')));

      const unattended = await runStep(step, { runbookDir: dir.path });
      assert.equal(unattended.refused, true);
      assert.equal(unattended.risk, 'destroy');
      const requests: ConfirmRequest[] = [];
      const declined = await runStep(step, {
        runbookDir: dir.path,
        confirm: (request) => {
          requests.push(request);
          return false;
        },
      });
      assert.equal(declined.refused, true);
      assert.equal(requests.length, 1);
      assert.match(requests[0]?.text ?? '', /risk: destroy/);
      assert.ok(requests[0]?.text.includes(plan.unsafeInterpreter ?? '-'), requests[0]?.text);
      assert.equal(existsSync(join(dir.path, 'PWNED')), false);
    });
  }

  it('takes the frontmatter shell for generic blocks under the same rule', async () => {
    const step = await parseStep('echo harmless\n', 'sh');
    const plan = planStep(step, { runbookDir: dir.path, shell: 'bash -c "touch PWNED"' });
    assert.equal(plan.risk, 'destroy');
    assert.match(plan.unsafeInterpreter ?? '', /^frontmatter shell "bash -c "touch PWNED"" passes "-c"/);
    const result = await runStep(step, { runbookDir: dir.path, shell: 'bash -c "touch PWNED"' });
    assert.equal(result.refused, true);
    assert.equal(existsSync(join(dir.path, 'PWNED')), false);
  });

  it('keeps plain interpreters with harmless flags as they were', async () => {
    const plain: Array<[string, string]> = [
      ['bash {shell="/usr/bin/bash -euo pipefail"}', 'echo ok\n'],
      ['bash {shell="bash -x"}', 'echo ok\n'],
      ['sh {shell=dash}', 'echo ok\n'],
      ['python {interpreter="python3 -u -X dev"}', 'print("ok")\n'],
      ['js {interpreter="node --enable-source-maps"}', 'console.log("ok")\n'],
    ];
    for (const [info, code] of plain) {
      const step = await parseStep(code, info);
      const plan = planStep(step, { runbookDir: dir.path });
      assert.equal(plan.unsafeInterpreter, undefined, info);
      assert.equal(plan.risk, step.risk, info);
      const result = await runStep(step, { runbookDir: dir.path, yes: true });
      assert.equal(result.stdout.replace(/^\+ .*\n/gm, ''), 'ok\n', `${info}: ${result.message}`);
    }
    assert.equal(planStep(await parseStep('echo ok\n', 'sh'), { shell: 'zsh' }).unsafeInterpreter, undefined);
  });
});
