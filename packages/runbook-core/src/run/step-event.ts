import type { StepResult } from './step-result.ts';

/** Output as it comes, already redacted. `time` is `Date.now()` when it arrived. */
export interface StepOutputEvent {
  type: 'stdout' | 'stderr';
  chunk: string;
  time: number;
}

export interface StepStartedEvent {
  type: 'started';
  time: number;
  pid: number;
  command: string;
  cwd: string;
}

/** The last event of every run, refused ones included. */
export interface StepFinishedEvent {
  type: 'finished';
  time: number;
  result: StepResult;
}

export type StepEvent = StepOutputEvent | StepStartedEvent | StepFinishedEvent;
