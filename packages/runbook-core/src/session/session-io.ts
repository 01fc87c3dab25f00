import type { StepEnding } from '../incident/journal-event.ts';
import type { Risk, Step } from '../model.ts';
import type { StepAlternative } from '../run/alternatives.ts';
import type { StepPlan } from '../run/index.ts';
import type { PreparedStep } from './prepare-step.ts';
import type { StepKind } from './step-kind.ts';
import type { StepValues } from './step-values.ts';

/** A value a step reads that no source gives: what to ask for. */
export interface ValueRequest {
  name: string;
  secret: boolean;
  description?: string;
  /** Labels of the steps reading it. */
  readBy: string[];
}

/** What a person says yes or no to before a risky step runs. */
export interface ConfirmationRequest {
  step: Step;
  plan: StepPlan;
  risk: Risk;
  /** 1-based numbers of the commands that will run. */
  commands: number[];
  /** Why a yes is needed, one line. */
  reason: string;
  /** The kube context and namespace the step will reach (per the guard), when it reaches a cluster. */
  kubernetes?: { context?: string; namespace?: string };
  /** The plan as core renders it: commands, risk, where. */
  text: string;
  /** Everything decided, for front-ends that render more (values masked via `values`). */
  prepared: PreparedStep;
  values: StepValues;
}

/** A block that offers alternatives, run whole: which one. */
export interface AlternativeRequest {
  step: Step;
  alternatives: StepAlternative[];
  /** How many commands that change something "all" would run. */
  riskyCommands: number;
}

/** An index into `alternatives`, `'all'` (every one, said explicitly), or `undefined`: none, nothing runs. */
export type AlternativeChoice = number | 'all' | undefined;

/** How one chosen step ended. */
export interface StepReport extends Partial<StepEnding> {
  stepId: string;
  name?: string;
  kind: StepKind;
  risk: Risk;
  status: 'succeeded' | 'failed' | 'refused' | 'interrupted';
  /** 1-based numbers of the chosen commands; absent for the whole block. */
  commands?: number[];
  /** One line: what happened. */
  message: string;
  /** Top-level commands that failed (1-based numbers, Markdown lines, exit statuses). */
  failedCommands?: Array<{ number: number; line: number; exitCode: number }>;
  /** Bounded, redacted output. */
  stdout?: string;
  stderr?: string;
  /** The output passed the log limit: the log holds this many bytes of it, then a marker line. */
  logTruncatedAt?: number;
  /** Why the log could not be written in full (the step then failed). */
  logIncomplete?: string;
}

export interface RunReport {
  incident?: string;
  steps: StepReport[];
  /** 0 every step succeeded, 1 a step failed, 2 bad input (a value missing), 3 refused, 130 interrupted. */
  exitCode: number;
  /** With exit code 2: what is wrong with the input, and how to give it. */
  problem?: string;
}

/**
 * What a front-end supplies: how to ask, where output goes, and when to stop.
 * The session decides everything else (values, guard, confirmation, journal).
 */
export interface SessionIO {
  /** A person can answer: values, confirmations and choices may be asked. Without one, what needs an answer is refused. */
  interactive: boolean;
  /** Aborting it ends the running step's whole process tree; the journal records the run as interrupted. */
  signal: AbortSignal;
  ask(request: ValueRequest): Promise<string>;
  confirm(request: ConfirmationRequest): Promise<boolean>;
  chooseAlternative(request: AlternativeRequest): Promise<AlternativeChoice>;
  onStepStart?(prepared: PreparedStep): void;
  /**
   * Output as it comes, already redacted. A sink that cannot keep up (a
   * terminal not reading) returns a promise: the step's output pauses until
   * it settles, so nothing piles up in memory. A sink that cannot wait
   * returns nothing.
   */
  onOutput?(stream: 'stdout' | 'stderr', text: string): void | Promise<void>;
  /** What a cluster Job is doing (pending, pulling the image, …). */
  onProgress?(message: string): void;
  onStepEnd?(report: StepReport): void;
  /** The step's process (its group leader) once started: a front-end may force its end (a second Ctrl-C). */
  onStepProcess?(pid: number): void;
  /** A terminal for interactive steps (a PTY); without one such steps are refused. */
  terminal?: { columns: number; rows: number; input: (write: (data: string) => void) => void };
}
