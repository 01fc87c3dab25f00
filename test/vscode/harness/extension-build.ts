import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

/**
 * Builds the extension and its .vsix with the package's own build script,
 * once per test process, into a folder of its own (parallel runs never share one).
 */
export function buildExtension(): Promise<BuiltExtension> {
  built ??= (async () => {
    const folder = mkdtempSync(join(tmpdir(), 'runbook-vscode-build-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    const vsix = join(folder, 'runbook-vscode.vsix');
    await promisify(execFile)(process.execPath, [join(extensionPackage, 'build.mjs'), '--outdir', folder, '--vsix', vsix]);
    return { folder, vsix };
  })();
  return built;
}
