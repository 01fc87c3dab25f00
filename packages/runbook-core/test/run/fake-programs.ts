import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Real executables standing in for cluster tools: each appends its name and
 * arguments to a calls file, so a test sees exactly what a step ran.
 */
export function fakePrograms(dir: string, names: string[]): { env: Record<string, string>; calls(): string[] } {
  const bin = join(dir, 'bin');
  const callsFile = join(dir, 'calls.log');
  mkdirSync(bin, { recursive: true });
  for (const name of names) {
    const script = `#!/bin/sh\n{ printf '%s' "${name}"; printf ' %s' "$@"; printf '\\036'; } >> "$FAKE_CALLS"\n`;
    writeFileSync(join(bin, name), script);
    chmodSync(join(bin, name), 0o755);
  }
  return {
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, FAKE_CALLS: callsFile },
    calls: () => (existsSync(callsFile) ? readFileSync(callsFile, 'utf8').split('\x1e').filter(Boolean) : []),
  };
}

/** A kubeconfig whose current context is `context`, with `namespace`. */
export function writeKubeconfig(dir: string, context: string, namespace: string): string {
  const file = join(dir, 'kubeconfig');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${context}`,
      'contexts:',
      '  - name: other',
      '    context: {cluster: other, user: other, namespace: elsewhere}',
      `  - name: ${context}`,
      '    context:',
      `      cluster: ${context}`,
      `      user: ${context}`,
      `      namespace: ${namespace}`,
      '',
    ].join('\n'),
  );
  return file;
}

/** Programs that complain on stderr and exit with their `status`, first on PATH. */
export function failingPrograms(dir: string, programs: Record<string, number>): Record<string, string> {
  const bin = join(dir, 'failing-bin');
  mkdirSync(bin, { recursive: true });
  for (const [name, status] of Object.entries(programs)) {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name}: the server is unreachable" >&2\nexit ${status}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return { PATH: `${bin}:${process.env.PATH ?? ''}` };
}
