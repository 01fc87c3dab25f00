import type { ShellCommand, Step } from '../model.ts';

/** Which command each line of a step's script belongs to, and where that command is in the Markdown. */
export interface CommandLines {
  /**
   * Index = 1-based script line; value = 1-based command number
   * (`ShellCommand.index + 1`), 0 for none. Index 0 holds the number of the
   * last command that may hold a pipeline (0 for none): bash watches
   * pipelines only up to there.
   */
  byScriptLine: number[];
  /** Command number → the Markdown line the command starts on. */
  markdownLine: Map<number, number>;
  /** Pipelines (or commands with a `|`), by number, with the programs they run in order. */
  pipelines: Map<number, readonly string[]>;
}

/**
 * The map for the script `runStep` writes: the whole block as written (its
 * lines are the Markdown's, shifted), or the chosen commands one after the
 * other.
 */
export function commandLines(step: Step, chosen: ReadonlyArray<Pick<ShellCommand, 'index' | 'text' | 'position' | 'programs'>> | undefined): CommandLines {
  const byScriptLine: number[] = [0];
  const markdownLine = new Map<number, number>();
  const pipelines = new Map<number, readonly string[]>();
  const codeStart = step.codePosition.start.line;
  for (const command of chosen ?? step.commands) {
    const number = command.index + 1;
    markdownLine.set(number, command.position.start.line);
    if (mayHoldPipeline.test(command.text)) pipelines.set(number, command.programs);
    const span = chosen === undefined ? command.position.end.line - command.position.start.line + 1 : command.text.split('\n').length;
    const first = chosen === undefined ? command.position.start.line - codeStart + 1 : byScriptLine.length;
    for (let line = first; line < first + span; line++) byScriptLine[line] = number;
  }
  for (let line = 0; line < byScriptLine.length; line++) byScriptLine[line] ??= 0;
  byScriptLine[0] = Math.max(0, ...pipelines.keys());
  return { byScriptLine, markdownLine, pipelines };
}

/** A `|` that is not part of `||`: a pipeline, or a `|` in quotes (watching those too costs only time). */
const mayHoldPipeline = /(?:^|[^|])\|(?!\|)/;

/** The map as bash reads it into an array: numbers separated by spaces, from line 0. */
export function commandLineMap(lines: CommandLines): string {
  return lines.byScriptLine.join(' ');
}
