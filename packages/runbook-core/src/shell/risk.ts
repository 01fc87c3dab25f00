import type { Risk } from '../model.ts';

const rank: Record<Risk, number> = { read: 0, mutate: 1, destroy: 2 };

/** A risk and the words that decided it; `reason` is absent for `read`. */
export interface RiskDecision {
  risk: Risk;
  reason?: string;
}

export const noRisk: RiskDecision = { risk: 'read' };

/** The worse of two decisions; on a tie the earlier one stays, so its reason is the first cause. */
export function worseDecision(current: RiskDecision, candidate: RiskDecision): RiskDecision {
  return rank[candidate.risk] > rank[current.risk] ? candidate : current;
}

export function isWorse(candidate: Risk, than: Risk): boolean {
  return rank[candidate] > rank[than];
}
