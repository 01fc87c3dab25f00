// The system tools the tests meet for real. As root with apt, installs what is
// missing (one `apt-get update`, then a quiet, non-interactive install that
// waits for the dpkg lock), then the cached kube-apiserver build and
// code-server install. Elsewhere, prints one line per missing tool saying
// what to install and how; the tests that need it are then skipped with the
// same reason. Never fails the run: a tool that cannot be had only skips tests.
//
// Run alone (`node scripts/test-prerequisites.mjs`) or through scripts/test.mjs.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runbook-test');
const aptLog = join(cacheDir, 'apt.log');
/** Exit status of the setup scripts when this machine cannot provide their tool (see test/support/system-tools.ts). */
const unavailableExit = 3;

/** Debian package → how to tell it is here, and what needs it. */
const packages = [
  { name: 'shellcheck', present: () => onPath('shellcheck'), for: 'the shellcheck lint tests' },
  { name: 'etcd-server', present: () => onPath('etcd'), for: 'the Kubernetes tests' },
  { name: 'postgresql', present: () => postgresServerPresent(), for: 'the shared incident store tests' },
  { name: 'chromium', present: () => existsSync('/usr/bin/chromium'), for: 'the VS Code tests' },
  { name: 'ripgrep', present: () => existsSync('/usr/bin/rg'), for: 'the VS Code tests' },
  { name: 'libkrb5-dev', present: () => existsSync('/usr/include/gssapi/gssapi.h'), for: 'the VS Code tests (code-server builds against it)' },
  // code-server's native modules compile from source.
  { name: 'g++', present: () => onPath('g++'), for: 'the VS Code tests (code-server builds with it)' },
  { name: 'make', present: () => onPath('make'), for: 'the VS Code tests (code-server builds with it)' },
  { name: 'python3', present: () => onPath('python3'), for: 'the VS Code tests (code-server builds with it)' },
];

/** Debian puts the server under /usr/lib/postgresql/<version>/bin, off the PATH. */
function postgresServerPresent() {
  try {
    return readdirSync('/usr/lib/postgresql').some((version) => existsSync(join('/usr/lib/postgresql', version, 'bin', 'initdb')));
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue;
    try {
      accessSync(join(folder, name), constants.X_OK);
      return true;
    } catch {
      // Not in this folder.
    }
  }
  return false;
}

const say = (line) => process.stdout.write(`test setup: ${line}\n`);

function ensurePackages() {
  const missing = packages.filter((pkg) => !pkg.present());
  if (missing.length === 0) return;
  const names = missing.map((pkg) => pkg.name);
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!hasApt || process.getuid?.() !== 0) {
    for (const pkg of missing) {
      const how = hasApt ? `as root: apt-get install -y ${pkg.name}` : `with this system's package manager (Debian's name: ${pkg.name})`;
      say(`${pkg.name} is missing, so ${pkg.for} are skipped; install it ${how}`);
    }
    return;
  }
  mkdirSync(cacheDir, { recursive: true });
  say(`installing ${names.join(' ')} with apt (log: ${aptLog})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    spawnSync('sh', ['-c', `apt-get -o DPkg::Lock::Timeout=600 "$@" >>"${aptLog}" 2>&1`, 'apt-get', ...args], { env, stdio: 'inherit' }).status;
  if (apt(['update', '-qq']) !== 0) say(`apt-get update failed; see ${aptLog}`);
  if (apt(['install', '-y', '-qq', '--no-install-recommends', ...names]) !== 0) {
    say(`apt-get install ${names.join(' ')} failed, so the tests that need them will fail; see ${aptLog}`);
  }
}

/** Runs a cached setup script; says what it did when it could not provide its tool. */
function runSetup(label, command, args) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = (performance.now() - started) / 1000;
  const lastLine =
    String(result.stderr ?? '')
      .trim()
      .split('\n')
      .at(-1) ?? '';
  if (result.status === 0) {
    if (seconds > 10) say(`${label} ready in ${seconds.toFixed(0)} s (cached under ${cacheDir} for the next run)`);
  } else if (result.status === unavailableExit) {
    say(`${lastLine}; its tests are skipped`);
  } else {
    say(`${label} setup failed (exit ${result.status ?? result.signal}), so its tests will fail: ${lastLine}`);
  }
}

ensurePackages();
runSetup('kube-apiserver', 'bash', [join(root, 'scripts', 'kube-apiserver.sh')]);
runSetup('code-server', process.execPath, [join(root, 'scripts', 'vscode-e2e-setup.mjs')]);
