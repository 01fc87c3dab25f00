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
    const exitCode = kind === 'E' ? statuses[0] : kind === 'P' ? firstFailedStage(statuses) : undefined;
    if (exitCode !== undefined && exitCode !== 0) failed.set(number, { number, line, exitCode });
  }
  return [...failed.values()].sort((a, b) => a.number - b.number);
}

function firstFailedStage(statuses: number[]): number | undefined {
  const last = statuses[statuses.length - 1];
  if (last !== undefined && last !== 0) return last;
  return statuses.slice(0, -1).find((status) => status !== 0 && status !== brokenPipe);
}

/** `command 2 (line 136) exited 1, …`, at most `shown` of them. */
export function describeFailedCommands(failed: readonly FailedCommand[], shown = 5): string {
  const listed = failed.slice(0, shown).map((command) => `command ${command.number} (line ${command.line}) exited ${command.exitCode}`);
  const more = failed.length > shown ? ` and ${failed.length - shown} more` : '';
  return `${listed.join(', ')}${more}`;
}
