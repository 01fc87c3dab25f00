import { readFileSync } from 'node:fs';
import type { CommandLines } from './command-lines.ts';

/** A top-level command of a shell step that failed, as `StepResult.failedCommands` lists it. */
export interface FailedCommand {
  /** 1-based position of the command in its block (`ShellCommand.index + 1`). */
  number: number;
  /** Markdown line the command starts on. */
  line: number;
  /** Its exit status; for a pipeline whose last stage succeeded, the first failed stage's. */
  exitCode: number;
}

/** A stage killed by SIGPIPE (128 + 13) only stopped writing because the reader was done: `yes | head -1`. */
const brokenPipe = 141;

/**
 * Reads what the bash wrapper reported (see `bashReportingWrapper`): one
 * entry per failed command, in block order, the first status seen for each.
 * A search that finds nothing in a pipeline does not count (`failedStage`).
 * A missing or unreadable report means none.
 */
export function readFailedCommands(file: string, lines: CommandLines): FailedCommand[] {
  let report: string;
  try {
    report = readFileSync(file, 'latin1');
  } catch {
    return [];
  }
  const failed = new Map<number, FailedCommand>();
  for (const entry of report.split('\n')) {
    const [kind, commandText, ...statusTexts] = entry.split(' ');
    const number = Number(commandText);
    const line = lines.markdownLine.get(number);
    if (line === undefined || failed.has(number)) continue;
    const statuses = statusTexts.map(Number);
    if (statuses.length === 0 || statuses.some((status) => !Number.isInteger(status))) continue;
    const programs = lines.pipelines.get(number);
    const exitCode = kind === 'E' ? failedStatus(statuses[0] ?? 0, statuses.slice(1), programs) : kind === 'P' ? failedStage(statuses, programs) : undefined;
    if (exitCode !== undefined && exitCode !== 0) failed.set(number, { number, line, exitCode });
  }
  return [...failed.values()].sort((a, b) => a.number - b.number);
}

/** A command's non-zero status, unless it is a pipeline whose only failures are searches that found nothing. */
function failedStatus(status: number, stages: number[], programs: readonly string[] | undefined): number | undefined {
  if (programs === undefined || stages.length < 2) return status;
  return failedStage(stages, programs) === undefined ? undefined : status;
}

/**
 * The first stage status that is a failure: not 0, not a SIGPIPE (141: the
 * reader was done, `yes | head -1`), and not 1 from a search (`grep`, `rg`,
 * …) that found no line, as in `kubectl logs … | grep -i error` on a
 * healthy service. Stages are matched to programs only when there are as
 * many of each (simple commands in a row).
 */
function failedStage(stages: number[], programs: readonly string[] | undefined): number | undefined {
  const aligned = programs !== undefined && programs.length === stages.length;
  return stages.find((status, index) => {
    if (status === 0) return false;
    if (status === brokenPipe && index < stages.length - 1) return false;
    return !(aligned && status === 1 && searchPrograms.has(programs[index] ?? ''));
  });
}

/** Programs whose exit status 1 means "no line matched" (2 or more is an error). */
const searchPrograms = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag']);

/** `command 2 (line 136) exited 1, …`, at most `shown` of them. */
export function describeFailedCommands(failed: readonly FailedCommand[], shown = 5): string {
  const listed = failed.slice(0, shown).map((command) => `command ${command.number} (line ${command.line}) exited ${command.exitCode}`);
  const more = failed.length > shown ? ` and ${failed.length - shown} more` : '';
  return `${listed.join(', ')}${more}`;
}
