import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { textSink } from './text-sink.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  /** Added to a clean environment (PATH, HOME, RUNBOOK_USER=tester). */
  env?: NodeJS.ProcessEnv;
  /** Pretend stdin and stdout are a terminal. */
  interactive?: boolean;
  /** Typed at the prompts, in order. */
  input?: string;
}

const repoRoot = new URL('../../../../', import.meta.url).pathname;
export const fixtures = new URL('../fixtures/cli/', import.meta.url).pathname;
export const demoRunbook = join(repoRoot, 'runbooks', 'demo-disk-pressure.md');

/** The environment every CLI test starts from: the workspace is `home`; no outside kubeconfig leaks in. */
export function cleanEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    RUNBOOK_USER: 'tester',
    RUNBOOK_WORKSPACE: home,
    KUBECONFIG: join(home, 'no-kubeconfig'),
    ...extra,
  };
}

/** `runbook …` in-process through `main`, with buffers for its streams. */
export async function runCli(argv: string[], options: CliOptions): Promise<CliResult> {
  // Imported, not required: one copy of the CLI modules, as the registry loads them.
  const { main } = await import('../../src/cli/main.ts');
  const stdout = textSink();
  const stderr = textSink();
  const stdin = new PassThrough();
  if (options.input !== undefined) stdin.write(options.input);
  stdin.end();
  const code = await main(argv, {
    cwd: options.cwd,
    env: cleanEnv(options.cwd, options.env),
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
    interactive: options.interactive ?? false,
    color: false,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** A temp workspace per test holding copies of the named runbooks (demo and fixtures). */
export function useWorkspace(...files: string[]): { readonly dir: string } {
  const holder = { dir: '' };
  beforeEach(() => {
    holder.dir = mkdtempSync(join(tmpdir(), 'runbook-cli-test-'));
    for (const file of files) cpSync(file === 'demo' ? demoRunbook : join(fixtures, file), join(holder.dir, file === 'demo' ? 'demo.md' : file));
  });
  afterEach(() => rmSync(holder.dir, { recursive: true, force: true }));
  return holder;
}

/** The incident's journal as parsed events. */
export function journal(workspace: string, id: string): Array<Record<string, unknown>> {
  const text = readFileSync(join(workspace, '.runbook', 'incidents', id, 'journal.jsonl'), 'utf8');
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Every file under the incident's folder, as text (journal and logs). */
export function incidentFiles(workspace: string, id: string): string {
  const dir = join(workspace, '.runbook', 'incidents', id);
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

/** Starts an incident in the workspace and returns its id. */
export async function startIncident(cwd: string, ...extra: string[]): Promise<string> {
  const started = await runCli(['incident', 'start', '--severity', 'P2', '--title', 'Test incident', '--format', 'json', ...extra], { cwd });
  if (started.code !== 0) throw new Error(`incident start failed: ${started.stderr}`);
  return (JSON.parse(started.stdout) as { id: string }).id;
}
