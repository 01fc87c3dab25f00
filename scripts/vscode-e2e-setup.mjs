// Installs what the real-VS-Code tests need, once per machine, and reuses it:
// Debian's chromium, ripgrep and kerberos headers, and code-server in a cache
// folder outside the repo (its native modules compile from source, ~450 MB).
// Prints one JSON line on stdout: { codeServer, chromium, installed, seconds }.
// Everything else goes to stderr or to the install log. Exit status 3, with
// one line on stderr naming what to install and how, when this machine cannot
// provide it (not root, or no apt): the tests skip. Exit status 1 when an
// install was tried and failed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const CODE_SERVER_VERSION = '4.100.3';
// code-server 4.100.3 pins @vscode/ripgrep 1.15.11, whose postinstall fetches this
// asset from GitHub unless it is already in its cache under TMPDIR.
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const CHROMIUM = '/usr/bin/chromium';
// package → a file it installs, so a present package costs no dpkg query.
const APT_PACKAGES = {
  chromium: CHROMIUM,
  ripgrep: '/usr/bin/rg',
  'libkrb5-dev': '/usr/include/gssapi/gssapi.h',
  // code-server's native modules (argon2, kerberos, node-pty) compile from source.
  'g++': '/usr/bin/g++',
  make: '/usr/bin/make',
  python3: '/usr/bin/python3',
};

const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runbook-test');
const installDir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const marker = join(installDir, '.installed');
const logFile = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}.install.log`);
const lockDir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}.lock`);
const codeServerBin = join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** This machine cannot provide the toolchain; the message says what to install and how. */
class Unavailable extends Error {}

const started = performance.now();
try {
  ensureAptPackages();
  const installed = await ensureCodeServer();
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  process.stdout.write(`${JSON.stringify({ codeServer: codeServerBin, chromium: CHROMIUM, installed, seconds })}\n`);
} catch (error) {
  process.stderr.write(`vscode-e2e-setup: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof Unavailable ? 3 : 1);
}

function ensureAptPackages() {
  const missing = Object.entries(APT_PACKAGES)
    .filter(([, file]) => !existsSync(file))
    .map(([name]) => name);
  if (missing.length === 0) return;
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Unavailable(
      `missing ${missing.join(' ')} and this machine has no apt; install them with its package manager (Debian names: ${missing.join(' ')})`,
    );
  }
  if (process.getuid?.() !== 0) {
    throw new Unavailable(
      `missing Debian packages ${missing.join(' ')}; install them as root: apt-get install -y ${missing.join(' ')} (or run npm test as root once)`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another install may hold the dpkg lock; wait for it rather than fail.
  const apt = (args) => run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], env);
  if (missing.some((name) => !hasAptCandidate(name))) apt(['update', '-qq']);
  process.stderr.write(`vscode-e2e-setup: apt-get install ${missing.join(' ')}\n`);
  apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

function hasAptCandidate(name) {
  const policy = spawnSync('apt-cache', ['policy', name], { encoding: 'utf8' }).stdout ?? '';
  return /Candidate: (?!\(none\))\S+/.test(policy);
}

async function ensureCodeServer() {
  if (existsSync(marker) && existsSync(codeServerBin)) return false;
  mkdirSync(cacheRoot, { recursive: true });
  await withLock(() => {
    // A concurrent run may have finished the install while we waited.
    if (existsSync(marker) && existsSync(codeServerBin)) return;
    installCodeServer();
  });
  return true;
}

function installCodeServer() {
  rmSync(installDir, { recursive: true, force: true });
  const tmp = join(installDir, '.tmp');
  mkdirSync(join(tmp, RIPGREP_CACHE), { recursive: true });
  // The ripgrep download, pre-seeded with Debian's rg (a tar.gz holding `rg` at its root).
  execFileSync('tar', ['-czf', join(tmp, RIPGREP_CACHE, RIPGREP_ASSET), '-C', '/usr/bin', 'rg']);
  writeFileSync(join(installDir, 'package.json'), `${JSON.stringify({ private: true, name: 'runbook-test-code-server' }, null, 2)}\n`);

  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
    npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr', // node-gyp must not download headers
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...(process.getuid?.() === 0 ? { npm_config_unsafe_perm: 'true' } : {}),
  };
  process.stderr.write(`vscode-e2e-setup: installing code-server ${CODE_SERVER_VERSION} into ${installDir} (log: ${logFile})\n`);
  const log = openSync(logFile, 'w');
  const result = spawnSync('npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: installDir,
    env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (result.status !== 0 || !existsSync(codeServerBin)) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
    throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${result.status ?? result.signal}); log: ${logFile}\n${tail}`);
  }
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(marker, `${new Date().toISOString()}\n`);
}

// mkdir is atomic: the first run installs, the others wait. A lock older than
// the slowest install is left over from a killed run and is taken over.
async function withLock(action) {
  const staleMs = 20 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
      if (age > staleMs) rmSync(lockDir, { recursive: true, force: true });
      else await sleep(2000);
    }
  }
  try {
    action();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function run(command, args, env) {
  const result = spawnSync(command, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}
