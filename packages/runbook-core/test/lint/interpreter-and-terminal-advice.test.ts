import assert from 'node:assert/strict';
import { lintRunbook } from '../../src/lint/index.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { loadShellGrammar } from '../../src/shell/index.ts';

async function lint(source: string, ruleId: string) {
  await loadShellGrammar();
  const messages = await lintRunbook(parseRunbook(source), { source });
  return messages.filter((message) => message.ruleId === ruleId);
}

describe('lint: interpreters are code, and terminal advice that works', () => {
  it('reports a shell or interpreter attribute that runs its own code as an error, at the attribute', async () => {
    const source = '# T\n\n```bash {name=x shell="sh -c touch${IFS}FILE"}\necho harmless\n```\n';
    const [message, ...rest] = await lint(source, 'invalid-attribute');
    assert.equal(rest.length, 0);
    assert.equal(message?.severity, 'error');
    assert.match(message?.reason ?? '', /^attribute 'shell': "sh -c touch\$\{IFS\}FILE" passes "-c" to sh, .*the step counts as destroy and always asks first/);
    assert.equal(source.slice(message?.position.start.offset, message?.position.end.offset).startsWith('shell='), true);
  });

  it('accepts known interpreters with harmless flags', async () => {
    const source =
      '---\nshell: bash -eu\n---\n# T\n\n```bash {shell="/bin/bash -o pipefail"}\necho ok\n```\n\n```python {interpreter=python3.12}\nprint(1)\n```\n';
    assert.deepEqual(await lint(source, 'invalid-attribute'), []);
  });

  it('suggests interactive=true only where a terminal then helps', async () => {
    const source = [
      '# T',
      '',
      '```bash',
      'read -r -p "Pod? " POD',
      '```',
      '',
      '```bash {runsOn=job}',
      'read -r -p "Pod? " POD',
      '```',
      '',
      '```bash',
      'ssh ops@bastion',
      'uptime',
      '```',
      '',
    ].join('\n');
    const [local, job, remote] = await lint(source, 'interactive-command');
    assert.match(local?.reason ?? '', /add `interactive=true` .*runs in a terminal \(the CLI on a terminal, or the editor\)/);
    assert.ok(local?.fix);
    assert.match(job?.reason ?? '', /runs as a Kubernetes Job never has a terminal/);
    assert.equal(job?.fix, undefined);
    assert.match(remote?.reason ?? '', /the lines after it would still run here/);
    assert.equal(remote?.fix, undefined);
  });
});
