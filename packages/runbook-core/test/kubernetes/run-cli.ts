import { spawn } from 'node:child_process';
import { Readable, Writable } from 'node:stream';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `runbook …` in-process, with buffers for its streams. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  // Imported, not required: mocha may load this file as CommonJS, while the
  // registry imports commands as ES modules; two copies of command.ts would
  // make `instanceof UsageError` fail in main.
  const { main } = await import('../../src/cli/main.ts');
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await main(argv, {
    cwd: process.cwd(),
    env,
    stdin: Readable.from([]),
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    interactive: false,
    color: false,
  });
  return { code, stdout, stderr };
}

const entry = new URL('../../src/cli/index.ts', import.meta.url).pathname;

/** `runbook …` as its own process (from source, through tsx), as a user's shell would start it. */
export function runCliProcess(argv: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const code = `const { run } = await import(${JSON.stringify(entry)}); process.exitCode = await run(process.argv.slice(1));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, ...argv], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ code: status ?? -1, stdout, stderr }));
  });
}
