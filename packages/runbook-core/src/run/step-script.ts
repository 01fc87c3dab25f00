import { unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { commandLineMap, type CommandLines } from './command-lines.ts';
import { privateDirectory } from './private-directory.ts';
import type { Interpreter } from './resolve-interpreter.ts';

/** Environment variable naming the file a shell step's exports are written to. */
export const exportsFileVariable = 'RUNBOOK_EXPORTS_FILE';
/** Environment variable naming the file bash reports failed commands to. */
export const failuresFileVariable = 'RUNBOOK_FAILURES_FILE';
/** Environment variable holding, for each script line, the 1-based command on it (0 for none). */
export const commandLinesVariable = 'RUNBOOK_COMMAND_LINES';

/** Read by the wrapper and unset before the step's code runs. */
export const wrapperVariables = [exportsFileVariable, failuresFileVariable, commandLinesVariable] as const;

// Each piece runs with its stderr, and so `set -x` traces, sent to /dev/null:
// a step that turns on xtrace sees its own commands only.
const listExports = [
  `trap '{ [ -n "\${__runbook_listed:-}" ] || export -p >| "$__runbook_exports"; } 2>/dev/null' EXIT`,
  '. "$0"',
  '{ __runbook_status=$?; export -p >| "$__runbook_exports"; __runbook_listed=1; exit "$__runbook_status"; } 2>/dev/null',
];

/**
 * Constant code, the same for every step: it sources the step's file (`$0`)
 * so that, however the script ends, the shell can list what is exported
 * (written once: rewriting a file costs a flush on some filesystems). No
 * value and no step code is ever pasted into it.
 */
export const shellWrapper = [`__runbook_exports=$${exportsFileVariable}`, `unset ${exportsFileVariable}`, ...listExports].join('\n');

/** A pipeline with a failed stage before its last, once per change of statuses or of command. */
const reportPipeline =
  'case " $__runbook_p" in *" "[1-9]*" "*) [ "$__runbook_c" = "$__runbook_pc" ] && [ "$__runbook_p" = "$__runbook_pp" ] || printf "P %s %s\\n" "$__runbook_pc" "$__runbook_p" >> "$__runbook_failures";; esac;';

/**
 * The bash wrapper also reports each top-level command that fails, on a side
 * channel: a private file (0600, in this process's private directory) whose
 * name lives only in an unexported shell variable, so neither the step's
 * output nor the programs it starts can write a report or hide one.
 *
 * - ERR fires where `set -e` would stop: not for `cmd || true`, an `if`
 *   condition or a failure inside a function or subshell whose own status
 *   is 0 (also under the step's own `set -E`, which would fire it there). It
 *   writes `E <command> <status> <PIPESTATUS…>`.
 * - DEBUG (with `set -T`, filtered to the top level) sees `PIPESTATUS` of the
 *   pipeline that just ended, so `kubectl … | tail -5` is caught when kubectl
 *   fails: `P <command> <statuses>`, written when the statuses change or a
 *   new top-level command starts. RETURN does the same for the last one.
 *   Only steps with a `|` get these two, and DEBUG removes itself past the
 *   last command that has one: it runs before every simple command.
 *
 * `$?` and `PIPESTATUS` are restored by bash around traps; `set -e` and
 * everything else the step sees are unchanged.
 */
export const bashReportingWrapper = [
  `__runbook_exports=$${exportsFileVariable}`,
  `__runbook_failures=$${failuresFileVariable}`,
  `__runbook_lines=($${commandLinesVariable})`,
  `unset ${wrapperVariables.join(' ')}`,
  '__runbook_pc=0 __runbook_pp=0 __runbook_lastpipe=${__runbook_lines[0]:-0}',
  `trap '{ __runbook_s=$? __runbook_ep="\${PIPESTATUS[*]}"; [ -z "\${BASH_SOURCE[0]:-}" ] || [ "$BASH_SUBSHELL\${FUNCNAME[0]:-}" != 0 ] || [ "$BASH_COMMAND" = ". \\"\\$0\\"" ] || printf "E %s %s %s\\n" "\${__runbook_lines[LINENO]:-0}" "$__runbook_s" "$__runbook_ep" >> "$__runbook_failures"; } 2>/dev/null' ERR`,
  // DEBUG costs every simple command some time: only steps with a pipeline get it, and only up to the last one.
  `[ "$__runbook_lastpipe" = 0 ] || {`,
  `trap '{ __runbook_p="\${PIPESTATUS[*]}" __runbook_c=\${__runbook_lines[LINENO]:-0}; [ "$BASH_SUBSHELL\${FUNCNAME[0]:-}" != 0 ] || [ -z "\${BASH_SOURCE[0]:-}" ] || { ${reportPipeline} [ "$__runbook_c" -le "$__runbook_lastpipe" ] || trap - DEBUG; __runbook_pc=$__runbook_c __runbook_pp=$__runbook_p; }; } 2>/dev/null' DEBUG`,
  // Its own variable: DEBUG runs before each command of this handler too.
  `trap '{ __runbook_rp="\${PIPESTATUS[*]}"; [ "$BASH_SUBSHELL\${FUNCNAME[0]:-}" != 0 ] || case " $__runbook_rp" in *" "[1-9]*" "*) printf "P %s %s\\n" "$__runbook_pc" "$__runbook_rp" >> "$__runbook_failures";; esac; } 2>/dev/null' RETURN`,
  'set -T',
  '}',
  ...listExports.map((line) => line.replace('{ __runbook_status=$?;', '{ __runbook_status=$?; set +T; trap - DEBUG RETURN ERR;')),
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
  /** Where bash reports failed commands, read after the run. */
  failuresFile?: string;
  remove(): void;
}

let scriptCount = 0;

/**
 * Writes the code to a new file (0600) in this process's private directory
 * and says how to start its interpreter. `remove` deletes the run's files.
 * Synchronous: for files this small the thread pool costs more than the write.
 * `lines` tells which command each line of `code` belongs to (bash reports
 * failed commands by it).
 */
export function writeStepScript(code: string, interpreter: Interpreter, errexit: boolean, lines?: CommandLines): StepScript {
  const base = join(privateDirectory(), `${++scriptCount}`);
  const name = `step${interpreter.extension}`;
  const file = `${base}-${name}`;
  const exportsFile = `${base}-exports`;
  const failuresFile = `${base}-failures`;
  const remove = (): void => {
    for (const path of [file, exportsFile, failuresFile]) {
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
  // Made here, empty, so that the shell's `>|` and `>>` keep their 0600 mode.
  writeFileSync(exportsFile, '', { mode: 0o600, flag: 'wx' });
  const flags = errexit ? ['-e'] : [];
  const command = [...shown, ...flags, name].join(' ');
  if (basename(interpreter.program) !== 'bash' || lines === undefined) {
    return {
      program: interpreter.program,
      args: [...interpreter.args, ...flags, '-c', shellWrapper, file],
      command,
      env: { [exportsFileVariable]: exportsFile },
      exportsFile,
      remove,
    };
  }
  writeFileSync(failuresFile, '', { mode: 0o600, flag: 'wx' });
  return {
    program: interpreter.program,
    args: [...interpreter.args, ...flags, '-c', bashReportingWrapper, file],
    command,
    env: { [exportsFileVariable]: exportsFile, [failuresFileVariable]: failuresFile, [commandLinesVariable]: commandLineMap(lines) },
    exportsFile,
    failuresFile,
    remove,
  };
}
