import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

/** One replacement of a shellcheck fix; lines and columns are 1-based in the checked code. */
export interface ShellcheckReplacement {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  replacement: string;
}

/** One finding of `shellcheck -f json1`; columns count code points of the checked code. */
export interface ShellcheckComment {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: 'error' | 'warning' | 'info' | 'style';
  code: number;
  message: string;
  fix: { replacements: ShellcheckReplacement[] } | null;
}

export interface ShellcheckRun {
  comments: ShellcheckComment[];
  /** Set when shellcheck could not check the code (bad option, crash). */
  failure?: string;
}

export interface ShellcheckRequest {
  executable: string;
  code: string;
  dialect: 'bash' | 'sh' | 'dash' | 'ksh';
  exclude: readonly string[];
  signal?: AbortSignal;
}

// Blocks checked by one shellcheck process: a corpus of short steps should not
// pay a process start for each. A lone block goes in on stdin; a batch as
// files in a private temporary folder, removed as soon as shellcheck is done.
const MAX_SCRIPTS_PER_PROCESS = 32;

interface Pending {
  request: ShellcheckRequest;
  resolve: (run: ShellcheckRun) => void;
}

let running = 0;
const waiting: Array<() => void> = [];
const poolSize = Math.max(2, availableParallelism());
let queued: Pending[] = [];

/**
 * Checks one block with `shellcheck -s <dialect> -f json1`. Blocks asked for
 * in the same turn of the event loop with the same options share a process;
 * at most a few processes run at a time per thread. Never rejects on
 * shellcheck's verdict; a process that cannot start or prints no JSON gives
 * `failure`.
 */
export function runShellcheck(request: ShellcheckRequest): Promise<ShellcheckRun> {
  return new Promise((resolve) => {
    if (queued.length === 0) setImmediate(flush);
    queued.push({ request, resolve });
  });
}

function flush(): void {
  const open = new Map<string, Pending[]>();
  const batches: Pending[][] = [];
  for (const pending of queued) {
    const { executable, dialect, exclude, signal } = pending.request;
    const key = JSON.stringify([executable, dialect, exclude, signalId(signal)]);
    let batch = open.get(key);
    if (batch === undefined || batch.length >= MAX_SCRIPTS_PER_PROCESS) {
      batch = [];
      open.set(key, batch);
      batches.push(batch);
    }
    batch.push(pending);
  }
  queued = [];
  for (const batch of batches) void runBatch(batch);
}

async function runBatch(batch: Pending[]): Promise<void> {
  if (running >= poolSize) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    const runs = await spawnShellcheck(batch.map((pending) => pending.request));
    for (const [index, pending] of batch.entries()) pending.resolve(runs[index] ?? { comments: [], failure: 'shellcheck gave no result' });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const signalIds = new WeakMap<AbortSignal, number>();
let nextSignalId = 1;

function signalId(signal: AbortSignal | undefined): number {
  if (signal === undefined) return 0;
  let id = signalIds.get(signal);
  if (id === undefined) {
    id = nextSignalId++;
    signalIds.set(signal, id);
  }
  return id;
}

async function spawnShellcheck(requests: ShellcheckRequest[]): Promise<ShellcheckRun[]> {
  const [first] = requests;
  if (first === undefined) return [];
  if (requests.length === 1) return [await checkScripts(first, [], first.code)];
  const folder = await mkdtemp(join(tmpdir(), 'runbook-shellcheck-'));
  try {
    const names = requests.map((_, index) => `step-${index + 1}.sh`);
    await Promise.all(requests.map((request, index) => writeFile(join(folder, names[index]!), request.code, { mode: 0o600 })));
    const run = await checkScripts(first, names, undefined, folder);
    if (run.failure !== undefined) return requests.map(() => ({ comments: [], failure: run.failure! }));
    const runs: ShellcheckRun[] = requests.map(() => ({ comments: [] }));
    for (const { file, ...comment } of run.comments as FiledComment[]) runs[names.indexOf(file ?? '')]?.comments.push(comment);
    return runs;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

type FiledComment = ShellcheckComment & { file?: string };

/** One shellcheck process over `files` (in `cwd`), or over `stdin` when there are none. */
function checkScripts(options: ShellcheckRequest, files: string[], stdin: string | undefined, cwd?: string): Promise<ShellcheckRun> {
  const args = ['-s', options.dialect, '-f', 'json1'];
  if (options.exclude.length > 0) args.push('-e', options.exclude.join(','));
  args.push(...(files.length > 0 ? files : ['-']));
  return new Promise((resolve) => {
    const child = spawn(options.executable, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(cwd ? { cwd } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => {
      // shellcheck may exit before reading everything; its exit status tells.
    });
    child.on('error', (error) => resolve({ comments: [], failure: error.message }));
    child.on('close', (code) => {
      const text = Buffer.concat(stdout).toString('utf8');
      try {
        const parsed = JSON.parse(text) as { comments: FiledComment[] };
        resolve({ comments: parsed.comments });
      } catch {
        const detail = Buffer.concat(stderr).toString('utf8').trim() || `exit code ${code}`;
        resolve({ comments: [], failure: detail.split('\n')[0]! });
      }
    });
    child.stdin.end(stdin ?? '');
  });
}
