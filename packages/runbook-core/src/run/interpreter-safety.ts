import { basename, posix } from 'node:path';
import type { InterpreterFamily } from './resolve-interpreter.ts';

/**
 * `shell=`, `interpreter=` and the frontmatter `shell:` are code: they name
 * the program the step's file is handed to, with its arguments. Only a known
 * interpreter (by name, or by an absolute path to a program of that name)
 * with harmless flags is accepted; anything else — `sh -c …`, `python3 -c …`,
 * `node -r …`, `env …`, a relative path — makes the step `destroy`.
 */

const knownPrograms: ReadonlyArray<readonly [RegExp, InterpreterFamily]> = [
  [/^(?:bash|sh|zsh|dash|ksh|mksh|ash)$/, 'shell'],
  [/^python(?:3(?:\.\d+)?)?$/, 'python'],
  [/^node(?:js)?$/, 'node'],
];

const shellOptionNames = /^(?:errexit|nounset|pipefail|xtrace|verbose|noglob|posix)$/;

/** Flags that change no code the step runs, by family. A function reads a flag and may take the next word. */
const harmlessFlags: Record<Exclude<InterpreterFamily, 'other'>, (flag: string, next: string | undefined) => number> = {
  shell: (flag, next) => {
    if (/^[-+][euxvf]+$/.test(flag) || flag === '--posix' || flag === '--norc' || flag === '--noprofile') return 1;
    if (/^[-+][euxvf]*o$/.test(flag) && next !== undefined && shellOptionNames.test(next)) return 2;
    return 0;
  },
  python: (flag, next) => {
    if (/^-(?:[uBEIsSbq]+|O|OO)$/.test(flag)) return 1;
    if (flag === '-X' && next !== undefined && /^(?:dev|utf8|faulthandler|importtime|warn_default_encoding)$/.test(next)) return 2;
    return 0;
  },
  node: (flag) =>
    /^--(?:enable-source-maps|no-warnings|no-deprecation|trace-warnings|trace-uncaught|unhandled-rejections=(?:strict|throw|warn|none))$/.test(flag) ? 1 : 0,
};

/** The family a known interpreter program belongs to, or `undefined`. */
export function knownInterpreterFamily(program: string): InterpreterFamily | undefined {
  const name = basename(program);
  if (program.includes('/') && !isPlainAbsolutePath(program)) return undefined;
  return knownPrograms.find(([pattern]) => pattern.test(name))?.[1];
}

/**
 * Why a `shell`/`interpreter` value is not accepted as a plain interpreter,
 * or `undefined` when it is one. `what` names where it came from.
 */
export function unsafeInterpreterReason(commandLine: string, what: string): string | undefined {
  const [program = '', ...args] = commandLine.trim().split(/\s+/);
  const family = knownInterpreterFamily(program);
  if (family === undefined || family === 'other') {
    return `${what} "${commandLine.trim()}" is not a known interpreter (bash, sh, zsh, dash, ksh, python3, node, … by name or absolute path)`;
  }
  const isHarmless = harmlessFlags[family];
  for (let at = 0; at < args.length; ) {
    const taken = isHarmless(args[at] ?? '', args[at + 1]);
    if (taken === 0)
      return `${what} "${commandLine.trim()}" passes "${args[at]}" to ${basename(program)}, which is not one of the harmless flags (it can run code of its own)`;
    at += taken;
  }
  return undefined;
}

/** `/usr/bin/bash`, not `/tmp/../bin/sh`, `./bash` or a path with odd characters. */
function isPlainAbsolutePath(path: string): boolean {
  return path.startsWith('/') && posix.normalize(path) === path && /^[A-Za-z0-9._/+-]+$/.test(path);
}
