import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extensionPackage } from './repo-paths.ts';

export interface BuiltExtension {
  /** A complete extension folder (package.json + dist/), for extensionDevelopmentPath. */
  folder: string;
  vsix: string;
}

/** Builds the extension and its .vsix into `folder` with the package's own build script. */
export async function buildExtension(folder: string): Promise<BuiltExtension> {
  const vsix = join(folder, 'runbook-vscode.vsix');
  await promisify(execFile)(process.execPath, [join(extensionPackage, 'build.mjs'), '--outdir', folder, '--vsix', vsix]);
  return { folder, vsix };
}
