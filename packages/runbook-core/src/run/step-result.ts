import type { Risk } from '../model.ts';
import type { DroppedExport } from './export-policy.ts';
import type { FailedCommand } from './failed-commands.ts';

/**
 * The outcome of `runStep`, shaped like an execa result: the same fields
 * whether the step succeeded, failed, timed out, was cancelled or refused.
 */
export interface StepResult {
  stepId: string;
  stepName?: string;
  /** 0-based indices of the commands that ran; empty when the whole block ran. */
  commands: number[];
  /** Worst risk of what was chosen to run. */
  risk: Risk;
  /** The interpreter and the script's file name (the file lives in a private temp dir, removed after). */
  command: string;
  cwd: string;
  /** ISO time the interpreter was started (or the run was refused). */
  startedAt: string;
  durationMs: number;
  /** Absent when the process was killed by a signal or never started. */
  exitCode?: number;
  signal?: NodeJS.Signals;
  pid?: number;
  /**
   * Did not run to a clean end: a non-zero exit, a failed command (see
   * `failedCommands`) even when the last one exited 0, a signal, timeout,
   * cancel, spawn failure or refusal.
   */
  failed: boolean;
  /**
   * The top-level commands of a bash step that failed, in block order: those
   * where `set -e` would have stopped (`cmd || true` and `if` conditions do
   * not count), and pipelines where a stage before the last failed (other
   * than by SIGPIPE). Absent when none did, and for other interpreters.
   */
  failedCommands?: FailedCommand[];
  timedOut: boolean;
  isCanceled: boolean;
  /** Ended by a signal, ours or another's. */
  isTerminated: boolean;
  /** `SIGKILL` was needed after the grace delay. */
  isForcefullyTerminated: boolean;
  /** Nothing ran: the confirmation was declined or missing, or an interactive step had no terminal. */
  refused?: true;
  /**
   * Bounded, redacted output: the first `bufferHead` and last `bufferTail`
   * characters, with a marker in between when something was left out. Not
   * stripped of its final newline (unlike execa): it is a transcript.
   */
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  /** Characters left out of each field; absent when nothing was. */
  truncated?: { stdout: number; stderr: number; output: number };
  /**
   * The full output (as bytes, binary kept), when the `logFile` option was
   * given; see `logTruncatedAt` and `logIncomplete` for when it is not full.
   */
  logFile?: string;
  /** The output passed `logLimit`: the log holds its first this many bytes, then a marker line. */
  logTruncatedAt?: number;
  /**
   * Why the log file could not be written in full (a full disk, `EFBIG`,
   * `EIO`): the step then counts as `failed`, whatever its exit code.
   */
  logIncomplete?: string;
  /**
   * Variables the step exported or changed in its environment (shell steps),
   * with their real values: hand them to the next step's `exported` option.
   * Not redacted — never print or store them as they are.
   */
  exported: Record<string, string>;
  /**
   * Names of `exported` whose value holds a secret (or its base64, hex or URL
   * encoding): redact them in later steps like the secret itself.
   */
  secretExports?: string[];
  /**
   * What the step exported but is not carried to later steps, and why: names
   * that change how shells and loaders start (`BASH_ENV`, `LD_PRELOAD`,
   * `PATH`, …), and values over the size limits. Absent when nothing was dropped.
   */
  droppedExports?: DroppedExport[];
  /** One line saying what happened, e.g. `Step "restart" failed with exit code 1: bash step.sh`. */
  shortMessage: string;
  /** `shortMessage` and, for a failure, the bounded output. */
  message: string;
  /** The underlying error (a spawn failure, or what `onEvent` threw). */
  cause?: unknown;
}

/** Thrown by `runStep` with `reject: true` when the step failed; carries every `StepResult` field. */
export class StepError extends Error implements StepResult {
  override name = 'StepError';
  declare stepId: string;
  declare stepName?: string;
  declare commands: number[];
  declare risk: Risk;
  declare command: string;
  declare cwd: string;
  declare startedAt: string;
  declare durationMs: number;
  declare exitCode?: number;
  declare signal?: NodeJS.Signals;
  declare pid?: number;
  declare failed: boolean;
  declare failedCommands?: FailedCommand[];
  declare timedOut: boolean;
  declare isCanceled: boolean;
  declare isTerminated: boolean;
  declare isForcefullyTerminated: boolean;
  declare refused?: true;
  declare stdout: string;
  declare stderr: string;
  declare output: string;
  declare truncated?: { stdout: number; stderr: number; output: number };
  declare logFile?: string;
  declare logTruncatedAt?: number;
  declare logIncomplete?: string;
  declare exported: Record<string, string>;
  declare secretExports?: string[];
  declare droppedExports?: DroppedExport[];
  declare shortMessage: string;

  constructor(result: StepResult) {
    super(result.message, result.cause === undefined ? undefined : { cause: result.cause });
    Object.assign(this, result);
  }
}
