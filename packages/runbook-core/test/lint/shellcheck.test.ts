import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { lintMarkdown } from 'runbook-core';
import { runShellcheck } from '../../src/lint/shellcheck/run-shellcheck.ts';
import { requireShellcheck } from '../../../../test/support/system-tools.ts';

const source = ['# Checks', '', '```bash', 'for f in $(ls /tmp); do echo $f; done', 'echo "$undeclared_lower"', '```', ''].join('\n');

describe('shellcheck rule (real shellcheck)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-shellcheck-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const codes = (messages: Array<{ ruleId: string }>) => messages.filter((message) => message.ruleId.startsWith('shellcheck')).map((message) => message.ruleId);

  it('reports each code as its own sub-rule, leaving SC2154 to undeclared-variable', async function () {
    requireShellcheck(this);
    const { messages } = await lintMarkdown(source);
    assert.deepEqual(codes(messages), ['shellcheck/SC2045', 'shellcheck/SC2086']);
    const sc2086 = messages.find((message) => message.ruleId === 'shellcheck/SC2086')!;
    assert.equal(sc2086.url, 'https://www.shellcheck.net/wiki/SC2086');
    assert.match(sc2086.reason, /^SC2086: /);
    assert.deepEqual([sc2086.position.start.line, sc2086.position.start.column, sc2086.position.end.column], [4, 30, 32]);
    assert.ok(messages.some((message) => message.ruleId === 'undeclared-variable' && message.reason.includes('$undeclared_lower')));
  });

  it('leaves out codes named in the exclude option, and sub-rules set off', async function () {
    requireShellcheck(this);
    const excluded = await lintMarkdown(source, { config: { rules: { shellcheck: ['warn', { exclude: ['SC2086'] }] } } });
    assert.deepEqual(codes(excluded.messages), ['shellcheck/SC2045']);
    const off = await lintMarkdown(source, { config: { rules: { 'shellcheck/SC2045': 'off' } } });
    assert.deepEqual(codes(off.messages), ['shellcheck/SC2086']);
  });

  it('checks blocks asked for together in one process, each finding on its own block, and leaves no files behind', async function () {
    requireShellcheck(this);
    // A stand-in that logs each start, then runs the real shellcheck.
    const log = join(dir, 'starts.log');
    const wrapper = join(dir, 'shellcheck');
    writeFileSync(wrapper, `#!/bin/sh\necho start >> '${log}'\nexec shellcheck "$@"\n`);
    chmodSync(wrapper, 0o755);
    const scratch = () => readdirSync(tmpdir()).filter((name) => name.startsWith('runbook-shellcheck-') && !dir.endsWith(name));
    const before = scratch();
    const blocks = ['cd /srv', 'echo $1', 'ls /var/log | wc -l', 'echo fine'];
    const runs = await Promise.all(blocks.map((code) => runShellcheck({ executable: wrapper, code, dialect: 'bash', exclude: [] })));
    assert.deepEqual(
      runs.map((run) => run.comments.map((comment) => comment.code)),
      [[2164], [2086], [2012], []],
    );
    assert.equal(readFileSync(log, 'utf8'), 'start\n', 'one shellcheck process');
    assert.deepEqual(scratch(), before);
  });

  it('says once that it was skipped when shellcheck is not on the PATH', async () => {
    const { messages } = await lintMarkdown(source, { env: { PATH: dir } });
    const notices = messages.filter((message) => message.ruleId === 'shellcheck');
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.severity, 'info');
    assert.match(notices[0]!.reason, /shellcheck is not installed, so shell steps were not checked/);
  });

  it('says so, per step, when shellcheck cannot check the code', async () => {
    const broken = join(dir, 'shellcheck');
    writeFileSync(broken, '#!/bin/sh\necho "shellcheck: internal error" >&2\nexit 4\n');
    chmodSync(broken, 0o755);
    const { messages } = await lintMarkdown(source, { env: { PATH: [dir, process.env.PATH].join(delimiter) } });
    const failures = messages.filter((message) => message.ruleId === 'shellcheck');
    assert.equal(failures.length, 1);
    assert.equal(failures[0]!.reason, 'shellcheck could not check this step: shellcheck: internal error');
  });
});
