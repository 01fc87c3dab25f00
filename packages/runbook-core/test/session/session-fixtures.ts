import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlternativeChoice, SessionIO, StepReport } from '../../src/session/index.ts';

/** A temp workspace per test. */
export function useTempDir(prefix: string): { readonly dir: string } {
  const holder = { dir: '' };
  beforeEach(() => {
    holder.dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(holder.dir, { recursive: true, force: true }));
  return holder;
}

/**
 * A kubeconfig with contexts `production` and `staging` (and any others), each
 * its own cluster on a loopback address where nothing listens (127.0.0.1:9,
 * 127.0.0.2:9, …); `current` is its current context.
 */
export function writeKubeconfig(dir: string, current: string, contexts: readonly string[] = ['production', 'staging']): string {
  const file = join(dir, 'kubeconfig.yaml');
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${current}`,
    'clusters:',
    ...contexts.flatMap((name, index) => [`- name: ${name}`, '  cluster:', `    server: https://127.0.0.${index + 1}:9`]),
    'users:',
    '- name: me',
    '  user:',
    '    token: t0ken-of-the-test',
    'contexts:',
    ...contexts.flatMap((name) => [`- name: ${name}`, '  context:', `    cluster: ${name}`, '    user: me']),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** A `kubectl` on PATH that only appends its arguments to `marker`: proof whether it ran. */
export function fakeKubectl(dir: string, marker: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const file = join(bin, 'kubectl');
  writeFileSync(file, `#!/bin/sh\necho "kubectl $*" >> '${marker}'\necho "pod/x deleted"\n`);
  chmodSync(file, 0o755);
  return bin;
}

export interface ScriptedIO extends SessionIO {
  /** What was asked, in order. */
  asked: string[];
  reports: StepReport[];
  output: string;
}

/** A front-end whose answers are given in advance: values by name, confirmations, the alternative. */
export function scriptedIO(
  answers: { values?: Record<string, string>; confirm?: boolean; alternative?: AlternativeChoice; interactive?: boolean },
  signal = new AbortController().signal,
): ScriptedIO {
  const io: ScriptedIO = {
    asked: [],
    reports: [],
    output: '',
    interactive: answers.interactive ?? true,
    signal,
    async ask(request) {
      io.asked.push(`value ${request.name}`);
      const value = answers.values?.[request.name];
      if (value === undefined) throw new Error(`unexpected question for ${request.name}`);
      return value;
    },
    async confirm(request) {
      io.asked.push(`confirm ${request.step.name ?? request.step.id} ${request.risk} ${request.kubernetes?.context ?? '-'}`);
      return answers.confirm ?? false;
    },
    async chooseAlternative(request) {
      io.asked.push(`alternatives ${request.alternatives.map((alternative) => alternative.label).join(' | ')} (${request.riskyCommands} risky)`);
      return answers.alternative;
    },
    onOutput: (_stream, text) => {
      io.output += text;
    },
    onStepEnd: (report) => {
      io.reports.push(report);
    },
  };
  return io;
}
