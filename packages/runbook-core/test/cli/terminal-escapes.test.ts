import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { printable } from '../../src/text/printable.ts';
import { runCli, startIncident, useWorkspace } from './cli-harness.ts';

// A runbook from anyone's pull request: its item text retitles the terminal and clears the screen.
const hostile = '# Hostile\n\n- [ ] Page \u001b]0;pwned\u0007the \u001b[2Jteam\u202e\n';

describe('CLI: text from runbooks and journals never steers the terminal (check, status, timeline, list)', () => {
  const workspace = useWorkspace('read-only.md');
  const cli = (argv: string[]) => runCli(argv, { cwd: workspace.dir });

  it('check and status print control characters escaped', async () => {
    writeFileSync(join(workspace.dir, 'hostile.md'), hostile);
    await startIncident(workspace.dir);
    const ticked = await cli(['check', 'hostile.md', 'team']);
    assert.equal(ticked.code, 0, ticked.stderr);
    assert.doesNotMatch(ticked.stdout, /[\u001b\u0007\u202e]/);
    assert.match(ticked.stdout, /Page \\x1b\]0;pwned\\x07the \\x1b\[2Jteam\\u\{202e\}/);
    const status = await cli(['incident', 'status']);
    assert.equal(status.code, 0, status.stderr);
    assert.doesNotMatch(status.stdout, /[\u001b\u0007]/);
    const note = await cli(['incident', 'note', 'rolled back \u001b[2J\u001b]0;owned\u0007']);
    assert.equal(note.code, 0, note.stderr);
    for (const argv of [
      ['incident', 'timeline'],
      ['list', 'hostile.md'],
    ]) {
      const shown = await cli(argv);
      assert.equal(shown.code, 0, shown.stderr);
      assert.doesNotMatch(shown.stdout, /[\u001b\u0007\u202e]/, argv.join(' '));
      assert.match(shown.stdout, /\\x1b/, argv.join(' '));
    }
  });

  it('printable leaves no control character and keeps plain text as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = printable(text);
        assert.doesNotMatch(shown, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        if (!/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text)) assert.equal(shown, text);
      }),
    );
  });
});
