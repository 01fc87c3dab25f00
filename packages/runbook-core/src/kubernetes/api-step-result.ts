/** The execa-shaped fields a step run through the Kubernetes API shares with the local runner's result. */
export interface ApiStepOutcome {
  /** What ran, in words. */
  command: string;
  /** Undefined when nothing ran to an end. */
  exitCode?: number;
  failed: boolean;
  timedOut: boolean;
  isCanceled: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
}
