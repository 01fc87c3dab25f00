import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const corePackage = new URL('../../packages/runbook-core/', import.meta.url).pathname;
// Inside the repository (its git-ignored .cache/), so the build finds esbuild in the workspace.
const buildRoot = new URL('../../.cache/', import.meta.url).pathname;

export interface CliProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The `runbook` bin exactly as shipped: the package's own build.mjs run on a
 * copy of the package, so a build elsewhere (another test, a person) never
 * swaps `dist/` under a running test.
 */
export async function buildCli(): Promise<{ bin: string; remove: () => void }> {
  mkdirSync(buildRoot, { recursive: true });
  const folder = mkdtempSync(join(buildRoot, 'runbook-cli-build-'));
  for (const entry of ['bin', 'build.mjs', 'package.json']) cpSync(join(corePackage, entry), join(folder, entry), { recursive: true });
  for (const entry of ['src', 'node_modules']) symlinkSync(join(corePackage, entry), join(folder, entry));
  // The bundles only: these tests run the bin; the declarations have their own test.
  await run(process.execPath, [join(folder, 'build.mjs'), '--no-types']);
  return { bin: join(folder, 'bin', 'runbook.js'), remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** `node <bin> …` as a real process; stdin is not a terminal. */
export async function runBin(bin: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliProcessResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: options.cwd, env: options.env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
