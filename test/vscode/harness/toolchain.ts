import { spawn } from 'node:child_process';
import { MissingTool, missingToolReason, toolUnavailableExit } from '../../support/system-tools.ts';
import { setupScript } from './repo-paths.ts';

export interface E2eToolchain {
  /** code-server's entry script, run with this Node. */
  codeServer: string;
  chromium: string;
  /** Whether this call installed code-server (false: reused from the cache). */
  installed: boolean;
  seconds: number;
}

let toolchain: Promise<E2eToolchain> | undefined;

/**
 * Installs code-server, Debian chromium and their build needs on first use
 * (minutes), then reuses them (milliseconds). A machine that cannot have
 * them (not root, no apt) rejects with MissingTool, naming what to install,
 * and the editor tests are skipped with that line; a failed install fails them.
 */
export function ensureToolchain(): Promise<E2eToolchain> {
  toolchain ??= new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [setupScript], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as E2eToolchain);
      else if (code === toolUnavailableExit) reject(new MissingTool(missingToolReason(stderr, 'the VS Code test toolchain cannot be installed here')));
      else reject(new Error(`The VS Code E2E toolchain could not be installed (setup exited ${code}):\n${stderr.trim()}`));
    });
  });
  return toolchain;
}
