import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

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

let running = 0;
const waiting: Array<() => void> = [];
const poolSize = Math.max(2, availableParallelism());

/**
 * Runs `shellcheck -s <dialect> -f json1 -` on one block, at most a few at a
 * time per thread. Never rejects on shellcheck's verdict; a process that
 * cannot start or prints no JSON gives `failure`.
 */
export async function runShellcheck(request: ShellcheckRequest): Promise<ShellcheckRun> {
  if (running >= poolSize) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await spawnShellcheck(request);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function spawnShellcheck(request: ShellcheckRequest): Promise<ShellcheckRun> {
  const args = ['-s', request.dialect, '-f', 'json1'];
  if (request.exclude.length > 0) args.push('-e', request.exclude.join(','));
  args.push('-');
  return new Promise((resolve) => {
    const child = spawn(request.executable, args, { stdio: ['pipe', 'pipe', 'pipe'], ...(request.signal ? { signal: request.signal } : {}) });
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
        const parsed = JSON.parse(text) as { comments: ShellcheckComment[] };
        resolve({ comments: parsed.comments });
      } catch {
        const detail = Buffer.concat(stderr).toString('utf8').trim() || `exit code ${code}`;
        resolve({ comments: [], failure: detail.split('\n')[0]! });
      }
    });
    child.stdin.end(request.code);
  });
}
