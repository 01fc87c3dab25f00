import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isShellGrammarLoaded, isShellLanguage, loadShellGrammar } from '../../src/shell/index.ts';

const run = promisify(execFile);

describe('shell grammar loading', () => {
  it('loads once; concurrent calls share the load', async () => {
    const first = loadShellGrammar();
    const second = loadShellGrammar();
    assert.equal(first, second);
    await Promise.all([first, second]);
    assert.equal(isShellGrammarLoaded(), true);
    await loadShellGrammar();
  });

  it('loads on first use, synchronously, and not before', async () => {
    const script = `
      import { analyzeShell, isShellGrammarLoaded } from './packages/runbook-core/src/shell/index.ts';
      const before = isShellGrammarLoaded();
      const risks = analyzeShell('kubectl delete pod web-1').commands.map((command) => command.risk);
      console.log(JSON.stringify({ before, risks, after: isShellGrammarLoaded() }));
    `;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: new URL('../../../../', import.meta.url) });
    assert.deepEqual(JSON.parse(stdout), { before: false, risks: ['destroy'], after: true });
  });

  it('knows which fence languages are shell', () => {
    for (const lang of ['bash', 'sh', 'shell', 'zsh', 'BASH', 'ksh']) assert.equal(isShellLanguage(lang), true, lang);
    for (const lang of ['console', 'shell-session', 'powershell', 'fish', 'python', 'text', '', 'markdown']) assert.equal(isShellLanguage(lang), false, lang);
  });
});
