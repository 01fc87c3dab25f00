import type { Readable, Writable } from 'node:stream';

/** Everything a command may touch, so tests can run commands in-process. */
export interface CliContext {
  /** Arguments after the command name. */
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** stdin and stdout are terminals: prompts and live progress are allowed. */
  interactive: boolean;
  /** Colour is wanted (a TTY, and NO_COLOR unset). */
  color: boolean;
}

export interface CliCommand {
  /** The word after `runbook`, e.g. `lint`; subcommands (`incident start`) are its own business. */
  readonly name: string;
  /** The full `--help` text. */
  readonly help: string;
  /** Resolves to the process exit code. */
  run(context: CliContext): Promise<number>;
}

/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  /** A step failed, or lint found errors. */
  failed: 1,
  /** Bad usage or unreadable input. */
  usage: 2,
  /** Not confirmed, or a guard said no. */
  refused: 3,
} as const;

/** Thrown for bad flags or input; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
