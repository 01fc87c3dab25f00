import type { Runbook, Step } from 'runbook-core';

/**
 * What a person calls each step: its `name`, else the heading it sits under,
 * else its first command's comment heading, else its language. Steps that
 * would share a name get their 1-based number too (`Restart the API (step 7)`),
 * never the machine id (`remove-the-scratch-dir/0e2b165a`).
 */
export function stepNames(runbook: Pick<Runbook, 'steps' | 'sections'>): Map<string, string> {
  const titles = new Map(runbook.sections.map((section) => [section.slug, section.title]));
  const base = runbook.steps.map((step) => ({ step, name: baseName(step, titles) }));
  const uses = new Map<string, number>();
  for (const { name } of base) uses.set(name, (uses.get(name) ?? 0) + 1);
  return new Map(base.map(({ step, name }) => [step.id, (uses.get(name) ?? 0) > 1 ? `${name} (step ${step.index + 1})` : name]));
}

/** One step's name, as `stepNames` gives it. */
export function stepName(runbook: Pick<Runbook, 'steps' | 'sections'>, step: Pick<Step, 'id' | 'index'>): string {
  return stepNames(runbook).get(step.id) ?? `step ${step.index + 1}`;
}

function baseName(step: Step, titles: ReadonlyMap<string, string>): string {
  const heading = step.section === undefined ? undefined : titles.get(step.section);
  const name = step.name ?? heading ?? step.commands[0]?.heading ?? `${step.lang || 'code'} step`;
  return name.replace(/\s+/g, ' ').trim();
}
