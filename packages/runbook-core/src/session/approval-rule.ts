import type { Risk, RunbookMeta, Step } from '../model.ts';
import { parseDuration } from '../parse/duration.ts';
import { approvalCount } from '../parse/step-options.ts';

/** How long a request waits for a decision unless the runbook says otherwise. */
export const DEFAULT_APPROVAL_EXPIRY_MS = 15 * 60_000;

/**
 * The runbook's two-person rule, from its frontmatter:
 *
 * ```yaml
 * approvals:
 *   destroy: 1     # other responders who must approve a destroy step
 *   mutate: 1      # and a mutate step (default: none)
 *   expires: 15m   # how long a request waits (default 15m)
 *   store: shared  # `any`: also count approvals on the file store
 * ```
 */
export interface ApprovalPolicy {
  /** Approvers needed by risk; absent: none. */
  byRisk: Partial<Record<Risk, number>>;
  expiresMs: number;
  /**
   * `shared` (default): approvals count only on a shared store, where the
   * database says who acted. `any`: also on the file store, where `who` is
   * whatever the environment claims — for a team that trusts it.
   */
  store: 'shared' | 'any';
  /** What in `approvals` cannot be read; steps that change things are then refused. */
  problems: string[];
}

/** One step's need for approval: how many others, for how long, and which policy asks. */
export interface ApprovalRule {
  required: number;
  expiresMs: number;
  store: 'shared' | 'any';
  /** `approvals.destroy`, `approve=1`: said in messages and the journal. */
  source: string;
  /** The rule cannot be read (a bad `approvals` entry or `approve` attribute): the step is refused, never run unapproved. */
  problem?: string;
}

/** Reads `approvals` from the frontmatter; a missing entry is no policy, a bad one has problems. */
export function readApprovalPolicy(meta: Pick<RunbookMeta, 'raw'>): ApprovalPolicy {
  const policy: ApprovalPolicy = { byRisk: {}, expiresMs: DEFAULT_APPROVAL_EXPIRY_MS, store: 'shared', problems: [] };
  const raw = meta.raw.approvals;
  if (raw === undefined || raw === null) return policy;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    policy.problems.push('approvals must be a mapping like { destroy: 1, expires: 15m }');
    return policy;
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'destroy' || key === 'mutate' || key === 'read') {
      const count = typeof value === 'number' || typeof value === 'string' ? approvalCount(String(value)) : undefined;
      if (count === undefined) policy.problems.push(`approvals.${key} must be how many other responders approve, 1 to 9 (got ${JSON.stringify(value)})`);
      else policy.byRisk[key] = count;
    } else if (key === 'expires') {
      const ms = typeof value === 'string' ? parseDuration(value) : undefined;
      if (ms === undefined || ms <= 0) policy.problems.push(`approvals.expires must be a duration like 15m or 1h (got ${JSON.stringify(value)})`);
      else policy.expiresMs = ms;
    } else if (key === 'store') {
      if (value === 'shared' || value === 'any') policy.store = value;
      else policy.problems.push(`approvals.store must be 'shared' or 'any' (got ${JSON.stringify(value)})`);
    } else {
      policy.problems.push(`approvals.${key} is not known: use destroy, mutate, read, expires or store`);
    }
  }
  return policy;
}

/**
 * Whether `step`, run at `risk`, needs approval: the larger of the policy's
 * count for the risk and the step's `approve=<n>` (a step may ask for more,
 * never for fewer). `undefined` when it needs none.
 */
export function approvalRule(policy: ApprovalPolicy, step: Pick<Step, 'attributes'>, risk: Risk): ApprovalRule | undefined {
  const base = { expiresMs: policy.expiresMs, store: policy.store };
  const attribute = step.attributes.approve;
  const byStep = attribute === undefined ? 0 : approvalCount(attribute);
  // Fail closed: a rule that cannot be read stops what it might have guarded.
  if (byStep === undefined) return { ...base, required: 1, source: 'approve', problem: `its approve=${attribute} is not 1 to 9` };
  if (policy.problems.length > 0 && (risk !== 'read' || byStep > 0)) {
    return { ...base, required: 1, source: 'approvals', problem: `the runbook's approvals cannot be read: ${policy.problems.join('; ')}` };
  }
  const byRisk = policy.byRisk[risk] ?? 0;
  const required = Math.max(byRisk, byStep);
  if (required === 0) return undefined;
  const source = byStep >= byRisk ? `approve=${byStep}` : `approvals.${risk}`;
  return { ...base, required, source };
}
