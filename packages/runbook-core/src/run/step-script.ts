import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateDirectory } from './private-directory.ts';
import type { Interpreter } from './resolve-interpreter.ts';

/** Environment variable naming the file a shell step's exports are written to. */
export const exportsFileVariable = 'RUNBOOK_EXPORTS_FILE';

/**
 * Constant code, the same for every step: it sources the step's file (`$0`)
 * so that, however the script ends, the shell can list what is exported
 * (written once: rewriting a file costs a flush on some filesystems). No
 * value and no step code is ever pasted into it.
 */
export const shellWrapper = [
  `__runbook_exports=$${exportsFileVariable}`,
  `unset ${exportsFileVariable}`,
  `trap '[ -n "\${__runbook_listed:-}" ] || export -p >| "$__runbook_exports"' EXIT`,
  '. "$0"',
  '__runbook_status=$?',
  'export -p >| "$__runbook_exports"',
  '__runbook_listed=1',
  'exit "$__runbook_status"',
].join('\n');

export interface StepScript {
  program: string;
  args: string[];
  /** For people: the interpreter and the script's file name. */
  command: string;
  /** Extra environment the script needs (the exports file of a shell step). */
  env: Record<string, string>;
  /** Where a shell step's exports land, read after the run. */
  exportsFile?: string;
  remove(): void;
}

let scriptCount = 0;

/**
 * Writes the code to a new file (0600) in this process's private directory
 * and says how to start its interpreter. `remove` deletes the run's files.
 * Synchronous: for files this small the thread pool costs more than the write.
 */
export function writeStepScript(code: string, interpreter: Interpreter, errexit: boolean): StepScript {
  const base = join(privateDirectory(), `${++scriptCount}`);
  const name = `step${interpreter.extension}`;
  const file = `${base}-${name}`;
  const exportsFile = `${base}-exports`;
  const remove = (): void => {
    for (const path of [file, exportsFile]) {
      try {
        unlinkSync(path);
      } catch {
        // Never written (not a shell step, or the shell was killed first).
      }
    }
  };
  writeFileSync(file, code, { mode: 0o600, flag: 'wx' });
  const shown = [interpreter.program, ...interpreter.args];
  if (interpreter.family !== 'shell') {
    return { program: interpreter.program, args: [...interpreter.args, file], command: [...shown, name].join(' '), env: {}, remove };
  }
  // Made here, empty, so that the shell's `>|` keeps its 0600 mode.
  writeFileSync(exportsFile, '', { mode: 0o600, flag: 'wx' });
  const flags = errexit ? ['-e'] : [];
  return {
    program: interpreter.program,
    args: [...interpreter.args, ...flags, '-c', shellWrapper, file],
    command: [...shown, ...flags, name].join(' '),
    env: { [exportsFileVariable]: exportsFile },
    exportsFile,
    remove,
  };
}
