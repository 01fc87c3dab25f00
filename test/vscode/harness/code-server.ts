import { spawn, execFile } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { watchProcessGroup } from './orphan-watchdog.ts';
import type { TempDirs } from './temp-dirs.ts';

export interface CodeServerOptions {
  /** code-server's entry script. */
  entry: string;
  /** The folder opened as the workspace. */
  folder: string;
  dirs: TempDirs;
  /** Keep Workspace Trust on (the folder starts untrusted). Default: trust disabled. */
  workspaceTrust?: boolean;
  /** Added to the server's environment (and so its extension host's): a KUBECONFIG, a PATH with fakes. */
  env?: NodeJS.ProcessEnv;
}

export interface CodeServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

// Quiet, predictable workbench: no welcome page, no update or telemetry traffic.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  // The DOM renderer keeps terminal text readable by the UI tests.
  'terminal.integrated.gpuAcceleration': 'off',
};

function serverDirs(dirs: TempDirs): { userData: string; extensions: string; env: NodeJS.ProcessEnv } {
  return { userData: dirs.dir('code-server/user-data'), extensions: dirs.dir('code-server/extensions'), env: dirs.isolatedEnv('code-server') };
}

/** Installs a .vsix into the session's extensions folder, as a user would. */
export async function installExtension(entry: string, dirs: TempDirs, vsix: string): Promise<void> {
  const { userData, extensions, env } = serverDirs(dirs);
  await promisify(execFile)(process.execPath, [entry, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix], { env });
}

/** Starts code-server on a free 127.0.0.1 port, in its own process group. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { userData, extensions, env: isolated } = serverDirs(options.dirs);
  const env = { ...isolated, ...options.env };
  writeFileSync(join(options.dirs.dir('code-server/user-data/User'), 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const args = [
    options.entry,
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    options.folder,
  ];
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`code-server did not start: ${options.entry}`);
  const stopWatchdog = watchProcessGroup(pid, options.dirs.root);
  let output = '';
  const listening = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const port = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (port !== undefined) resolve(Number(port));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output}`)));
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    // Stragglers of the group (extension host, pty host) go too.
    signalGroup(pid, 'SIGKILL');
    stopWatchdog();
  };

  try {
    const port = await listening;
    const url = `http://127.0.0.1:${port}/`;
    await waitHealthy(url);
    return { url, port, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function signalGroup(groupId: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-groupId, signal);
  } catch {
    // Already gone.
  }
}

async function waitHealthy(url: string): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      const response = await fetch(new URL('healthz', url));
      if (response.ok) return;
      lastError = new Error(`healthz answered ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server at ${url} never became healthy: ${String(lastError)}`);
}
