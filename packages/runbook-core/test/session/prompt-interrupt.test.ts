import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node-pty';
import { cleanEnv } from '../cli/cli-harness.ts';
import { cliProcessArgs } from './cli-process.ts';
import { useTempDir } from './session-fixtures.ts';

const fence = '```';

/** Runs the CLI on a real pseudo-terminal, types Ctrl-C once `prompt` shows, and resolves to the exit code and the screen. */
async function ctrlCAt(cwd: string, args: string[], prompt: string): Promise<{ code: number; screen: string }> {
  const terminal = spawn(process.execPath, [...cliProcessArgs, ...args], {
    cwd,
    env: cleanEnv(cwd, { WORK: cwd }) as Record<string, string>,
    cols: 120,
    rows: 40,
  });
  let screen = '';
  let typed = false;
  return new Promise((resolve) => {
    terminal.onData((data) => {
      screen += data;
      if (!typed && screen.includes(prompt)) {
        typed = true;
        terminal.write('\x03');
      }
    });
    terminal.onExit(({ exitCode }) => resolve({ code: exitCode, screen }));
  });
}

describe('runbook run: Ctrl-C at a prompt exits at once with 130', () => {
  const workspace = useTempDir('runbook-prompt-');

  it('at the confirmation (a line read with echo on: Ctrl-C is SIGINT)', async () => {
    writeFileSync(join(workspace.dir, 'risky.md'), [`${fence}bash {name=wipe confirm=true}`, 'touch "$WORK/ran"', fence, ''].join('\n'));
    const { code, screen } = await ctrlCAt(workspace.dir, ['run', 'risky.md', '--step', 'wipe'], '[y/N');
    assert.equal(code, 130, screen);
    assert.match(screen, /canceled at the prompt/);
    assert.equal(existsSync(join(workspace.dir, 'ran')), false);
  });

  it('at a secret value (read without echo: Ctrl-C arrives as a character)', async () => {
    writeFileSync(
      join(workspace.dir, 'secret.md'),
      [
        '---',
        'variables:',
        '  API_TOKEN: { description: Token, secret: true }',
        '---',
        '',
        `${fence}bash {name=call}`,
        'echo "$API_TOKEN" > "$WORK/ran"',
        fence,
        '',
      ].join('\n'),
    );
    const { code, screen } = await ctrlCAt(workspace.dir, ['run', 'secret.md', '--step', 'call'], '(secret, not shown)');
    assert.equal(code, 130, screen);
    assert.equal(existsSync(join(workspace.dir, 'ran')), false);
  });
});
