// The run session: the one policy of running steps in an incident, for every front-end.
export { openRunSession, RunSession, type OpenRunSessionOptions, type OpenRunSessionResult, type SessionOpenFailure } from './run-session.ts';
export { RunExit } from './run-steps.ts';
export type { PreparedStep, GuardVerdict } from './prepare-step.ts';
export type { MissingValue } from './step-values.ts';
export { StepValues } from './step-values.ts';
export type {
  AlternativeChoice,
  AlternativeRequest,
  ConfirmationRequest,
  RunReport,
  SessionIO,
  StepReport,
  ValueRequest,
} from './session-io.ts';
export { isSecretVariable } from './secret-variables.ts';
export { approvalPreflight, awaitApproval, stepApprovalRule } from './approval-gate.ts';
export type { ApprovalOutcome } from './approval-gate.ts';
export { decideApproval, findApprovalRequest } from './approval-decision.ts';
export type { ApprovalDecisionResult, ApprovalVerdict, DecideApprovalOptions, FoundApproval } from './approval-decision.ts';
export { approvalRule, DEFAULT_APPROVAL_EXPIRY_MS, readApprovalPolicy } from './approval-rule.ts';
export type { ApprovalPolicy, ApprovalRule } from './approval-rule.ts';
export { approvalDigest, buildApprovalRequest } from './approval-request.ts';
