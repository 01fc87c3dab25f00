// A real etcd + kube-apiserver on loopback for the integration tests. The
// binary comes from scripts/kube-apiserver.sh (built once, then cached).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingTool, missingToolReason, toolUnavailableExit } from '../support/system-tools.ts';

const root = new URL('../../', import.meta.url).pathname;

export const tokens = { admin: 'admin-token-for-tests', limited: 'limited-token-for-tests', viewer: 'viewer-token-for-tests' } as const;

export interface TestCluster {
  /** `https://127.0.0.1:<port>` */
  server: string;
  /** A kubeconfig with contexts `prod-test` (current), `staging-test`, `viewer-test`, `limited-test`, `down-test`. */
  kubeconfig: string;
  dir: string;
  /** The server's certificate, for clients that verify it. */
  caData: string;
  /** kubectl, as the setup script found or installed it. */
  kubectl: string;
  /** Process groups of etcd and kube-apiserver (each led by its watchdog). */
  processGroups: number[];
  /** Writes another kubeconfig file in the cluster's temp dir. */
  writeKubeconfig(name: string, options: { current?: string; contexts?: string[] }): string;
  stop(): Promise<void>;
}

/** The contexts of the test kubeconfig: name → user and default namespace. */
export const testContexts = {
  'prod-test': { user: 'admin', namespace: 'prod' },
  'staging-test': { user: 'admin', namespace: 'staging' },
  'viewer-test': { user: 'viewer', namespace: 'prod' },
  'limited-test': { user: 'limited', namespace: 'prod' },
  'down-test': { user: 'admin', namespace: 'prod' },
} as const;

/**
 * Starts etcd and kube-apiserver (each under a watchdog that stops it when
 * this process dies, even by SIGKILL) and writes a kubeconfig for them.
 * Throws with the reason when the setup cannot run here.
 */
export async function startTestCluster(): Promise<TestCluster> {
  const binaries = await provideBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'runbook-kube-'));
  const started: ChildProcess[] = [];
  const stop = async () => {
    // kube-apiserver first: it shuts down quickly while etcd still answers.
    for (const child of [...started].reverse()) await stopGroup(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [etcdPort, peerPort, apiPort, downPort] = await freePorts(4);
    started.push(
      startWatched(dir, 'etcd', binaries.etcd, [
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
        `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-cluster=default=http://127.0.0.1:${peerPort}`,
        '--log-level=warn',
      ]),
    );
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(
      join(dir, 'tokens.csv'),
      `${tokens.admin},admin,uid-admin,"system:masters"\n${tokens.limited},limited,uid-limited\n${tokens.viewer},viewer,uid-viewer\n`,
    );
    started.push(
      startWatched(dir, 'kube-apiserver', binaries.kubeApiserver, [
        `--etcd-servers=http://127.0.0.1:${etcdPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        '--insecure-port=0',
        `--cert-dir=${join(dir, 'certs')}`,
        `--token-auth-file=${join(dir, 'tokens.csv')}`,
        '--authorization-mode=RBAC',
        '--service-account-issuer=https://kubernetes.default.svc',
        `--service-account-key-file=${join(dir, 'sa.pub')}`,
        `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
        '--service-cluster-ip-range=10.0.0.0/24',
        '--disable-admission-plugins=ServiceAccount',
        '--enable-priority-and-fairness=false',
      ]),
    );
    const server = `https://127.0.0.1:${apiPort}`;
    await waitForReady(server, started, dir);
    const caData = readFileSync(join(dir, 'certs', 'apiserver.crt'), 'utf8');
    const writeKubeconfig = (name: string, options: { current?: string; contexts?: string[] }) => {
      const file = join(dir, name);
      writeFileSync(file, kubeconfigText(server, `https://127.0.0.1:${downPort}`, caData, options));
      return file;
    };
    const kubeconfig = writeKubeconfig('kubeconfig', { current: 'prod-test' });
    const processGroups = started.map((child) => child.pid!);
    return { server, kubeconfig, dir, caData, kubectl: binaries.kubectl, processGroups, writeKubeconfig, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function kubeconfigText(server: string, downServer: string, caData: string, options: { current?: string; contexts?: string[] }): string {
  const names = options.contexts ?? Object.keys(testContexts);
  const ca = Buffer.from(caData).toString('base64');
  // JSON is YAML: kubectl and every client read it.
  return JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Config',
      ...(options.current ? { 'current-context': options.current } : {}),
      clusters: [
        { name: 'test', cluster: { server, 'certificate-authority-data': ca } },
        { name: 'down', cluster: { server: downServer, 'certificate-authority-data': ca } },
      ],
      users: Object.entries(tokens).map(([name, token]) => ({ name, user: { token } })),
      contexts: names.map((name) => {
        const { user, namespace } = testContexts[name as keyof typeof testContexts];
        return { name, context: { cluster: name === 'down-test' ? 'down' : 'test', user, namespace } };
      }),
    },
    null,
    2,
  );
}

export async function provideBinaries(): Promise<{ etcd: string; kubeApiserver: string; kubectl: string }> {
  const script = join(root, 'scripts', 'kube-apiserver.sh');
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
    execFile('bash', [script], { maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
      resolve({ stdout, stderr, code: error ? ((error.code as number | undefined) ?? 1) : 0 }),
    );
  });
  const values = Object.fromEntries(
    stdout
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => line.split(/=(.*)/s).slice(0, 2)),
  );
  if (code === toolUnavailableExit) throw new MissingTool(missingToolReason(stderr, 'kube-apiserver cannot be provided on this machine'));
  if (code !== 0 || !values.KUBE_APISERVER || !values.ETCD || !values.KUBECTL) {
    throw new Error(`cannot provide a kube-apiserver for the Kubernetes integration tests (scripts/kube-apiserver.sh exited ${code}):\n${stderr.trim()}`);
  }
  return { etcd: values.ETCD, kubeApiserver: values.KUBE_APISERVER, kubectl: values.KUBECTL };
}

// Runs the program in a new process group under a bash watchdog that stops
// it, and removes the cluster's temp dir, when the test process disappears
// (even when killed with SIGKILL).
const watchdog = `
parent=$1; dir=$2; shift 2
"$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM INT HUP
while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
kill -TERM "$child" 2>/dev/null
# Orphaned test data is disposable: a short grace, then SIGKILL.
for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$child" 2>/dev/null || break; sleep 0.2; done
kill -KILL "$child" 2>/dev/null
wait "$child"
kill -0 "$parent" 2>/dev/null || rm -rf "$dir"
`;

function startWatched(dir: string, name: string, program: string, args: string[]): ChildProcess {
  const log = openSync(join(dir, `${name}.log`), 'a');
  const child = spawn('bash', ['-c', watchdog, 'watchdog', String(process.pid), dir, program, ...args], { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  child.unref();
  return child;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const forced = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(forced);
  // The watchdog is gone; make sure nothing of its group lingers.
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitForReady(server: string, processes: ChildProcess[], dir: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const dead = processes.find((child) => child.exitCode !== null || child.signalCode !== null);
    if (dead)
      throw new Error(`a test cluster process exited during start-up; see ${dir}:\n${tail(join(dir, 'kube-apiserver.log'))}\n${tail(join(dir, 'etcd.log'))}`);
    if ((await readyz(server)) === 200) return;
    if (Date.now() > deadline) throw new Error(`kube-apiserver did not become ready in 180 s:\n${tail(join(dir, 'kube-apiserver.log'))}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function readyz(server: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(`${server}/readyz`, { rejectUnauthorized: false, headers: { authorization: `Bearer ${tokens.admin}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

/** Ports free right now on 127.0.0.1 (held together so they differ). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<import('node:net').Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as import('node:net').AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
