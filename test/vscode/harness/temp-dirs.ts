import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One folder tree per session, so parallel runs and the home folder stay untouched. */
export class TempDirs {
  readonly root = mkdtempSync(join(tmpdir(), 'runbook-vscode-'));

  dir(name: string): string {
    const path = join(this.root, name);
    mkdirSync(path, { recursive: true });
    return path;
  }

  /** HOME and XDG folders for a child process (code-server or chromium). */
  isolatedEnv(owner: string): NodeJS.ProcessEnv {
    return {
      ...process.env,
      HOME: this.dir(`${owner}/home`),
      XDG_CONFIG_HOME: this.dir(`${owner}/config`),
      XDG_DATA_HOME: this.dir(`${owner}/data`),
      XDG_CACHE_HOME: this.dir(`${owner}/cache`),
      XDG_STATE_HOME: this.dir(`${owner}/state`),
    };
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true, maxRetries: 3 });
  }
}
