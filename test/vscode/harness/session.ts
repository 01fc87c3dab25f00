import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, type Browser } from './chromium.ts';
import { installExtension, startCodeServer, type CodeServer } from './code-server.ts';
import { buildExtension, type BuiltExtension } from './extension-build.ts';
import { userRunbookPath } from '../../support/external-material.ts';
import { fixtureWorkspace } from './repo-paths.ts';
import { TempDirs } from './temp-dirs.ts';
import { ensureToolchain } from './toolchain.ts';

export interface SessionOptions {
  /** Keep Workspace Trust on, so the folder opens untrusted. */
  workspaceTrust?: boolean;
  /** Install the built .vsix into the server, as a user would. */
  installVsix?: boolean;
  /** Adds files to the workspace copy before VS Code opens it; returns what to add to VS Code's environment. */
  setup?: (workspace: string) => NodeJS.ProcessEnv;
}

/** A real VS Code (code-server) with a fresh copy of the fixture workspace, and a browser for it. */
export interface VscodeSession {
  dirs: TempDirs;
  workspace: string;
  extension: BuiltExtension;
  server: CodeServer;
  browser: Browser;
  /** Seconds spent per phase, for the report. */
  timings: Record<string, number>;
  dispose(): Promise<void>;
}

export async function openSession(options: SessionOptions = {}): Promise<VscodeSession> {
  const timings: Record<string, number> = {};
  const timed = async <T>(phase: string, action: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await action();
    } finally {
      timings[phase] = Math.round(performance.now() - start) / 1000;
    }
  };
  const toolchain = await timed('toolchain', ensureToolchain);
  const dirs = new TempDirs();
  const cleanups: (() => Promise<void> | void)[] = [() => dirs.remove()];
  const dispose = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const workspace = prepareWorkspace(dirs);
    const env = options.setup?.(workspace) ?? {};
    const extension = await timed('build', buildExtension);
    if (options.installVsix) await timed('install-vsix', () => installExtension(toolchain.codeServer, dirs, extension.vsix));
    const server = await timed('code-server', () =>
      startCodeServer({ entry: toolchain.codeServer, folder: workspace, dirs, workspaceTrust: options.workspaceTrust ?? false, env }),
    );
    cleanups.push(() => server.stop());
    const browser = await timed('chromium', () => launchChromium(toolchain.chromium, dirs));
    cleanups.push(() => browser.close());
    return { dirs, workspace, extension, server, browser, timings, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** The fixture workspace plus, when it is here, the user's own runbook, copied so steps can write freely. */
function prepareWorkspace(dirs: TempDirs): string {
  const workspace = dirs.dir('workspace');
  cpSync(fixtureWorkspace, workspace, { recursive: true });
  const userRunbook = userRunbookPath();
  if (userRunbook !== undefined) cpSync(userRunbook, join(workspace, 'incident-response.md'));
  return workspace;
}
