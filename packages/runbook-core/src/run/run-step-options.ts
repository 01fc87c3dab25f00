import type { StepEvent } from './step-event.ts';
import type { StepPlan } from './step-plan.ts';

/** A selector of commands in a step: see `RunStepOptions.commands`. */
export type CommandSelector = number | string;

/**
 * What a dry run needs: where the runbook is, which values the step gets,
 * which commands are chosen. `RunStepOptions` adds how to run it.
 */
export interface PlanStepOptions {
  /**
   * Directory of the runbook file; the step's `cwd` attribute is relative to it.
   * Default: `process.cwd()`.
   */
  runbookDir?: string;
  /**
   * The runbook's default working directory (frontmatter `cwd`), relative to
   * `runbookDir`; a step's own `cwd` attribute wins. Default: `runbookDir`.
   */
  cwd?: string;
  /**
   * The runbook's default shell (frontmatter `shell`, e.g. `bash` or `zsh`),
   * used for blocks labelled `sh`, `shell` or `shellscript`. Blocks labelled
   * `bash` or `zsh`, and steps with their own `shell` or `interpreter`
   * attribute, keep theirs. Default: `sh` for `sh` blocks, `bash` for the others.
   */
  shell?: string;
  /**
   * Run only these commands of the block, in block order, whatever order they
   * are given in. A number is a 0-based `ShellCommand.index` and selects that
   * one command. A string selects the commands under a heading: the run of
   * consecutive commands sharing it (e.g. both `kubectl rollout undo` lines
   * below `# 5. Rollback Deployment`). It matches the heading text (case and
   * spacing ignored), the text after its number (`rollback deployment`) or
   * its number alone (`'5'` or `'5.'`). A selector that matches nothing, or a
   * string that matches several headings, throws a `RangeError` listing the
   * step's commands. Default: the whole block as written.
   */
  commands?: readonly CommandSelector[];
  /**
   * Base environment. Added to `process.env` unless `extendEnv` is `false`.
   * Default: `process.env`.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** Start from `process.env` and add `env` (default `true`), or use `env` alone. */
  extendEnv?: boolean;
  /** Values of the runbook's declared variables (e.g. from `--var`). They override `env`. */
  variables?: Readonly<Record<string, string | undefined>>;
  /**
   * Variables exported by earlier steps of the same incident session: pass on
   * the merged `result.exported` of those steps. They override `variables`.
   */
  exported?: Readonly<Record<string, string | undefined>>;
  /**
   * Incident values (`INCIDENT_ID`, `INCIDENT_SEVERITY`, `INCIDENT_STARTED_AT`, …).
   * They override every other source.
   */
  incident?: Readonly<Record<string, string | undefined>>;
  /**
   * The Kubernetes context the run is known to target (e.g. chosen by the
   * caller). Default: the step's `context` attribute, else the current
   * context of the kubeconfig the step will see (`KUBECONFIG` or `~/.kube/config`).
   */
  kubeContext?: string;
  /** Like `kubeContext`, for the namespace. Default: the step's `namespace`, else the context's. */
  kubeNamespace?: string;
  /**
   * Stop the script at the first failing command (`set -e`) for shell steps.
   * The step's `errexit=true|false` attribute wins. Default: `false`, the
   * block runs as written.
   */
  errexit?: boolean;
}

export interface RunStepOptions extends PlanStepOptions {
  /**
   * Values to replace by `***` in everything output reaches: events, result
   * fields and the log file, even when a value is split across chunks. Values
   * shorter than 4 characters are ignored; a value is also matched trimmed.
   * Default: none.
   */
  secrets?: Iterable<string>;
  /**
   * Receives output chunks (redacted) as they come, and `started` / `finished`.
   * Returning a promise for an output event (a sink that is behind, e.g. a
   * terminal not reading) pauses reading the step's output until it
   * settles: the step blocks on its full pipe, nothing piles up in memory.
   * A rejected promise cancels the run like a throw.
   */
  onEvent?: (event: StepEvent) => unknown;
  /**
   * Write the whole output (stdout and stderr interleaved, redacted) to this
   * file, created with mode 0600 along with its directory; `result.logFile`
   * is set. Default: none, only the bounded output in memory is kept.
   */
  logFile?: string;
  /**
   * Bytes of output the log file holds at most: past them it gets a marker
   * line and no more, and `result.logTruncatedAt` is set (the output still
   * reaches events and the bounded fields). Default: 104857600 (100 MiB).
   */
  logLimit?: number;
  /** Characters kept from the start of each of `stdout`, `stderr` and `output`. Default: 65536. */
  bufferHead?: number;
  /** Characters kept from the end of each of `stdout`, `stderr` and `output`. Default: 65536. */
  bufferTail?: number;
  /**
   * Milliseconds before the run is cancelled with `timedOut: true`; `0` for
   * none. Default: the step's `timeout` attribute, else none.
   */
  timeout?: number;
  /** Cancels the run (`isCanceled: true`) when aborted. */
  signal?: AbortSignal;
  /** Signal sent first to every process of the step on cancel or timeout. Default: `'SIGTERM'`. */
  killSignal?: NodeJS.Signals;
  /** Milliseconds between `killSignal` and `SIGKILL`. Default: 3000. */
  forceKillAfterDelay?: number;
  /**
   * `false` (the default): a failed, cancelled or refused step resolves to a
   * result with `failed: true`; a failing step is an outcome to record, not
   * an exception. `true`: such a step rejects with a `StepError` carrying the
   * same fields.
   */
  reject?: boolean;
  /** Skip the confirmation of risky steps (CLI: `--yes`). Default: `false`. */
  yes?: boolean;
  /**
   * Asked before a step whose chosen commands mutate or destroy (unless the
   * step says `confirm=false`), and before any step saying `confirm=true`.
   * Resolve `true` to run. Without it, such a step is refused unless `yes`.
   */
  confirm?: (request: ConfirmRequest) => boolean | Promise<boolean>;
  /**
   * A terminal for interactive steps (`interactive=true`): such a step runs
   * in a pseudo-terminal of this size (node-pty), its output still redacted,
   * bounded and logged (as `stdout`), and what is typed reaches it through
   * `input`. Without it an interactive step is refused (`refused: true`).
   * Other steps ignore it. Default: none.
   */
  terminal?: StepTerminal;
}

/** Where an interactive step's terminal comes from: see `RunStepOptions.terminal`. */
export interface StepTerminal {
  columns: number;
  rows: number;
  /** Called once when the step starts, with the function that types into its terminal. */
  input: (write: (data: string) => void) => void;
}

/** What `confirm` is shown. */
export interface ConfirmRequest {
  /** Why the question is asked: the commands' risk, or the step's `confirm=true`. */
  reason: 'risk' | 'step-asks';
  plan: StepPlan;
  /** The plan rendered for a person: commands, risk, target. */
  text: string;
}
