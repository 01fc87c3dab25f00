// System tools some tests meet for real: shellcheck, a kube-apiserver with etcd,
// code-server with chromium. `npm test` installs them as root with apt; where it
// cannot, the tests that need one are skipped with a line saying what to
// install and how, never failed and never passed.
import { findExecutable } from '../../packages/runbook-core/src/lint/shellcheck/find-executable.ts';
import { skipWithReason } from './skip-with-reason.ts';

/** Exit status of scripts/kube-apiserver.sh and scripts/vscode-e2e-setup.mjs when this machine cannot provide their tool. */
export const toolUnavailableExit = 3;

/** A tool that cannot be provided here; the message says what to install and how. */
export class MissingTool extends Error {
  override name = 'MissingTool';
}

/** The reason shellcheck's tests are skipped, or undefined when it is on the PATH. */
export function shellcheckMissing(): string | undefined {
  if (findExecutable('shellcheck', process.env.PATH)) return undefined;
  return 'shellcheck is not installed (Debian/Ubuntu: `apt-get install shellcheck` as root, or run `npm test` as root once)';
}

/** Skips the current test, or from a `before` hook its suite, when shellcheck is not on the PATH. */
export function requireShellcheck(context: Mocha.Context): void {
  const missing = shellcheckMissing();
  if (missing !== undefined) skipWithReason(context, missing);
}

/** Runs `action`; when it throws MissingTool, skips the current test or suite with its message instead. */
export async function skipWhenToolMissing<T>(context: Mocha.Context, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof MissingTool) skipWithReason(context, error.message);
    throw error;
  }
}

/** The line that says why a setup script could not provide its tool: its last line on stderr. */
export function missingToolReason(stderr: string, fallback: string): string {
  return (
    stderr
      .trim()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .at(-1) ?? fallback
  );
}
