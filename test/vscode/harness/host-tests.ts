import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { HostConfig, HostTestResult } from '../host/host-config.ts';
import type { Browser } from './chromium.ts';
import type { CodeServer } from './code-server.ts';
import { userRunbookPath } from '../../support/external-material.ts';
import { hostTestsDir } from './repo-paths.ts';

/** A folder of specs under host/: `bench` holds measurements, run only by the benchmark. */
export type HostSuite = 'trusted' | 'untrusted' | 'bench';

/** Spec files of a suite, e.g. `codelens.host.ts`: known when mocha loads, so each becomes a test. */
export function hostSpecNames(suite: HostSuite): string[] {
  return readdirSync(join(hostTestsDir, suite))
    .filter((name) => name.endsWith('.host.ts'))
    .sort();
}

/** Specs named `*user-runbook*` open the user's runbook, which the workspace holds only when it is here. */
export function needsUserRunbook(spec: string): boolean {
  return spec.includes('user-runbook');
}

/** The specs this machine can run: those needing the user's runbook only when it is here. */
export function buildableSpecNames(suite: HostSuite): string[] {
  const present = userRunbookPath() !== undefined;
  return hostSpecNames(suite).filter((spec) => present || !needsUserRunbook(spec));
}

/** Bundles the entry and a suite's specs to CommonJS, which the extension host can require. */
export async function buildHostTests(suite: HostSuite, outdir: string): Promise<{ entry: string; results: string }> {
  const specs = buildableSpecNames(suite);
  await build({
    entryPoints: [
      { in: join(hostTestsDir, 'index.ts'), out: 'index' },
      ...specs.map((name) => ({ in: join(hostTestsDir, suite, name), out: name.replace(/\.ts$/, '') })),
    ],
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  const results = join(outdir, 'results.json');
  const config: HostConfig = {
    mocha: dirname(createRequire(import.meta.url).resolve('mocha/package.json')),
    specs: specs.map((source) => ({ source, built: join(outdir, source.replace(/\.ts$/, '.cjs')) })),
    results,
  };
  writeFileSync(join(outdir, 'host-config.json'), JSON.stringify(config, null, 2));
  return { entry: join(outdir, 'index.cjs'), results };
}

export interface HostRun {
  exitCode: number;
  results: HostTestResult[];
}

/**
 * Opens the workbench with the extension under development and the tests
 * entry, like @vscode/test-electron does, and waits for the host to report.
 */
export async function runHostTests(
  browser: Browser,
  server: CodeServer,
  options: { extensionFolder: string; entry: string; results: string; workspace: string },
): Promise<HostRun> {
  let exit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (exit = resolve));
  await browser.page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
  const remote = (path: string): string => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(options.extensionFolder)],
    ['extensionTestsPath', remote(options.entry)],
  ]);
  await browser.page.goto(`${server.url}?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(payload)}`);
  const exitCode = await withDeadline(
    exited,
    10 * 60_000,
    () => `the extension host never reported its tests' end.\nBrowser console:\n${browser.consoleTail()}\ncode-server:\n${server.output()}`,
  );
  if (!existsSync(options.results)) {
    throw new Error(`the in-host tests wrote no results (exit ${exitCode}).\nBrowser console:\n${browser.consoleTail()}\ncode-server:\n${server.output()}`);
  }
  return { exitCode, results: JSON.parse(readFileSync(options.results, 'utf8')) as HostTestResult[] };
}

/** A hang must end the run with a reason; this is not a speed limit. */
function withDeadline<T>(promise: Promise<T>, ms: number, reason: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(reason())), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
