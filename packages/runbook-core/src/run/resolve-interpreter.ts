import { basename } from 'node:path';
import type { Step } from '../model.ts';

/** How the script reaches the interpreter; shells also report what they exported. */
export type InterpreterFamily = 'shell' | 'python' | 'node' | 'other';

export interface Interpreter {
  program: string;
  /** Arguments before the script (from an attribute like `interpreter="python3 -X dev"`). */
  args: string[];
  family: InterpreterFamily;
  /** What decided it. */
  source: 'interpreter-attribute' | 'shell-attribute' | 'language' | 'runbook-default';
  /** Extension of the script file (`node` reads `.mjs` and `.cjs` differently). */
  extension: string;
}

const languages: Record<string, { program: string; extension: string; generic?: boolean }> = {
  bash: { program: 'bash', extension: '.sh' },
  zsh: { program: 'zsh', extension: '.sh' },
  ksh: { program: 'ksh', extension: '.sh' },
  dash: { program: 'dash', extension: '.sh' },
  sh: { program: 'sh', extension: '.sh', generic: true },
  shell: { program: 'bash', extension: '.sh', generic: true },
  shellscript: { program: 'bash', extension: '.sh', generic: true },
  'shell-script': { program: 'bash', extension: '.sh', generic: true },
  python: { program: 'python3', extension: '.py' },
  python3: { program: 'python3', extension: '.py' },
  py: { program: 'python3', extension: '.py' },
  node: { program: 'node', extension: '.js' },
  javascript: { program: 'node', extension: '.js' },
  js: { program: 'node', extension: '.js' },
  mjs: { program: 'node', extension: '.mjs' },
  cjs: { program: 'node', extension: '.cjs' },
};

/**
 * Picks the interpreter: the step's `interpreter` attribute, else its `shell`
 * attribute (shell blocks), else the block's language, where `sh`, `shell`
 * and `shellscript` take the runbook's default shell. `undefined` when the
 * language is not runnable and no attribute says how.
 */
export function resolveInterpreter(step: Step, runbookShell?: string): Interpreter | undefined {
  const language = languages[step.lang.trim().toLowerCase()];
  const extension = language?.extension ?? '';
  const fromAttribute = step.options.interpreter?.trim();
  if (fromAttribute) return interpreterFrom(fromAttribute, 'interpreter-attribute', extension);
  if (!language) return undefined;
  const isShellLanguage = language.extension === '.sh';
  const shell = step.options.shell?.trim();
  if (isShellLanguage && shell) return interpreterFrom(shell, 'shell-attribute', extension);
  const fallback = runbookShell?.trim();
  if (language.generic && fallback) return interpreterFrom(fallback, 'runbook-default', extension);
  return interpreterFrom(language.program, 'language', extension);
}

function interpreterFrom(commandLine: string, source: Interpreter['source'], extension: string): Interpreter {
  const [program = '', ...args] = commandLine.split(/\s+/);
  return { program, args, family: familyOf(program), source, extension };
}

/** The family of interpreter a block's language is written for (`undefined` for a language not runnable as such). */
export function languageFamily(lang: string): InterpreterFamily | undefined {
  const language = languages[lang.trim().toLowerCase()];
  return language && familyOf(language.program);
}

export function familyOf(program: string): InterpreterFamily {
  const name = basename(program);
  if (/^(ba|da|z|k|mk|a|)sh$/.test(name)) return 'shell';
  if (/^python[0-9.]*$/.test(name)) return 'python';
  if (/^node(js)?$/.test(name)) return 'node';
  return 'other';
}
