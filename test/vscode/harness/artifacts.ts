import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Screenshots and logs outlive the session: RUNBOOK_TEST_ARTIFACTS, or a folder under the temp dir. */
export function artifactsDir(): string {
  const dir = process.env.RUNBOOK_TEST_ARTIFACTS ?? join(tmpdir(), 'runbook-test-artifacts', 'vscode');
  mkdirSync(dir, { recursive: true });
  return dir;
}
