import type { Runbook, RunbookMessage } from '../model.ts';

/** What in a runbook stops runs before any step is looked at. */
export interface RunBlockers {
  /** Every run of the runbook is refused: its frontmatter does not parse. */
  all?: string;
  /** Cluster steps are refused: the frontmatter's `kubernetes` part cannot be read. */
  cluster?: string;
}

/**
 * Fails closed on what the guard and the values depend on. A frontmatter that
 * does not parse loses the declared context, namespace, secrets and defaults:
 * no step may run. A `kubernetes` entry that is there but unreadable would
 * leave cluster steps unguarded: they may not run.
 */
export function runBlockers(runbook: Pick<Runbook, 'messages' | 'path'>): RunBlockers {
  const blockers: RunBlockers = {};
  const yaml = runbook.messages.find((message) => message.ruleId === 'frontmatter-yaml');
  if (yaml !== undefined) blockers.all = `${where(runbook, yaml)}: ${yaml.reason}; no step of it runs until the frontmatter parses`;
  const kubernetes = runbook.messages.find((message) => message.ruleId === 'frontmatter-field' && /^kubernetes\b/.test(message.reason));
  if (kubernetes !== undefined) blockers.cluster = `its frontmatter's kubernetes entry cannot be read (${where(runbook, kubernetes)}: ${kubernetes.reason})`;
  return blockers;
}

function where(runbook: Pick<Runbook, 'path'>, message: RunbookMessage): string {
  const { line, column } = message.position.start;
  return `${runbook.path ?? 'the runbook'}:${line}:${column}`;
}
