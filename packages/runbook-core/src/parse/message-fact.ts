import type { Severity } from '../model.ts';

/** A message before it is placed: offsets instead of a position. */
export interface MessageFact {
  ruleId: string;
  severity: Severity;
  reason: string;
  start: number;
  end: number;
}
