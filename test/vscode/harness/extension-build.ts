import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extensionPackage } from './repo-paths.ts';

export interface BuiltExtension {
  /** A complete extension folder (package.json + dist/), for extensionDevelopmentPath. */
  folder: string;
  vsix: string;
}

let built: Promise<BuiltExtension> | undefined;
const PREFIX = 'runbook-vscode-build-';

/**
 * Builds the extension and its .vsix with the package's own build script,
 * once per test process, into a folder of its own (parallel runs never share one).
 */
export function buildExtension(): Promise<BuiltExtension> {
  built ??= (async () => {
    removeOrphanedBuilds();
    const folder = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    const vsix = join(folder, 'runbook-vscode.vsix');
    await promisify(execFile)(process.execPath, [join(extensionPackage, 'build.mjs'), '--outdir', folder, '--vsix', vsix]);
    return { folder, vsix };
  })();
  return built;
}

/** Builds of test processes that died without their exit handler (SIGKILL) carry their pid: remove those. */
function removeOrphanedBuilds(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (Number.isInteger(pid) && !isAlive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
