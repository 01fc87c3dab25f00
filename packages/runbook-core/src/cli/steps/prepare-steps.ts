// Preparing a step (plan and guard) is the run session's; the CLI's step files read it from there.
export type { PreparedStep } from '../../session/prepare-step.ts';
