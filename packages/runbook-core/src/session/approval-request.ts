import { createHash, randomBytes } from 'node:crypto';
import type { JournalApprovalRequestedEvent } from '../incident/journal-event.ts';
import { redactText } from '../run/index.ts';
import type { ApprovalRule } from './approval-rule.ts';
import type { PreparedStep } from './prepare-step.ts';
import type { StepValues } from './step-values.ts';

/** What an approver is shown and says yes to, without the journal's own fields. */
export type ApprovalRequestInput = Omit<JournalApprovalRequestedEvent, 'v' | 'eventId' | 'time' | 'who'>;

/**
 * The request for one run of a prepared step: its commands as they will run,
 * the values they read (secrets by name only), the cluster, and a digest of
 * all of it. Any change to the step's code, its values or its cluster gives
 * another digest, so an approval never carries over to a changed step.
 */
export function buildApprovalRequest(prepared: PreparedStep, values: StepValues, rule: ApprovalRule, now: Date): ApprovalRequestInput {
  const { step, plan, guard } = prepared;
  const secrets = values.secrets();
  const commands = plan.commands.map((command) => redactText(command.text, secrets));
  const shown = [...new Set(plan.variables.needed)].sort().map((name) => `${name}=${values.isSecret(name) ? '(secret)' : (values.shown(name) ?? '')}`);
  const context = guard?.code === 'no-cluster' ? undefined : (guard?.expected ?? guard?.actual ?? plan.target.kubernetes?.context);
  const namespace = guard?.code === 'no-cluster' ? undefined : (guard?.expectedNamespace ?? guard?.actualNamespace ?? plan.target.kubernetes?.namespace);
  return {
    type: 'approval-requested',
    requestId: randomBytes(4).toString('hex'),
    stepId: step.id,
    ...(step.name === undefined ? {} : { stepName: step.name }),
    commands,
    values: shown,
    risk: plan.risk,
    ...(context === undefined ? {} : { context }),
    ...(namespace === undefined ? {} : { namespace }),
    digest: approvalDigest({ stepId: step.id, code: redactText(plan.code, secrets), values: shown, context, namespace }),
    required: rule.required,
    expiresAt: new Date(now.getTime() + rule.expiresMs).toISOString(),
    rule: rule.source,
  };
}

/** sha256 (hex) of what an approval covers; the same inputs always give the same digest. */
export function approvalDigest(covered: {
  stepId: string;
  code: string;
  values: readonly string[];
  context?: string | undefined;
  namespace?: string | undefined;
}): string {
  const canonical = JSON.stringify([covered.stepId, covered.code, [...covered.values], covered.context ?? null, covered.namespace ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}
