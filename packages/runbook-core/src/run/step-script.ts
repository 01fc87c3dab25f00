import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Interpreter } from './resolve-interpreter.ts';

/** Environment variable naming the file a shell step's exports are written to. */
export const exportsFileVariable = 'RUNBOOK_EXPORTS_FILE';

/**
 * Constant code, the same for every step: it sources the step's file (`$0`)
 * so that, however the script ends, the shell can list what is exported.
 * No value and no step code is ever pasted into it.
 */
export const shellWrapper = [
  `__runbook_exports=$${exportsFileVariable}`,
  `unset ${exportsFileVariable}`,
  `trap 'export -p >| "$__runbook_exports"' EXIT`,
  '. "$0"',
  '__runbook_status=$?',
  'export -p >| "$__runbook_exports"',
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
  remove(): Promise<void>;
}

/**
 * Writes the code to a file in a new private directory (0700, the file 0600)
 * and says how to start its interpreter. `remove` deletes both.
 */
export async function writeStepScript(code: string, interpreter: Interpreter, errexit: boolean): Promise<StepScript> {
  const directory = await mkdtemp(join(tmpdir(), 'runbook-step-'));
  const remove = (): Promise<void> => rm(directory, { recursive: true, force: true });
  try {
    const name = `step${interpreter.extension}`;
    const file = join(directory, name);
    await writeFile(file, code, { mode: 0o600, flag: 'wx' });
    const shown = [interpreter.program, ...interpreter.args];
    if (interpreter.family !== 'shell') {
      return { program: interpreter.program, args: [...interpreter.args, file], command: [...shown, name].join(' '), env: {}, remove };
    }
    const exportsFile = join(directory, 'exports');
    const flags = errexit ? ['-e'] : [];
    return {
      program: interpreter.program,
      args: [...interpreter.args, ...flags, '-c', shellWrapper, file],
      command: [...shown, ...flags, name].join(' '),
      env: { [exportsFileVariable]: exportsFile },
      exportsFile,
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
