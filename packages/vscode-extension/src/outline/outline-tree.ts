import type { ChecklistItem, IncidentState, Runbook, Section, Step } from 'runbook-core';
import { isRunnable } from '../runnable-step.ts';
import { stepNames } from '../step-names.ts';

/** One row of the outline: plain data, built without `vscode` so it can be tested alone. */
export interface OutlineNode {
  kind: 'section' | 'step' | 'checklist';
  label: string;
  description?: string;
  /** Where a click goes. */
  position: Section['position'];
  children: OutlineNode[];
}

export type StepStatusOf = (step: Step) => string | undefined;

/** Sections as a tree; under each, its steps (with their last status) and its checklist (n/m done). */
export function outlineTree(runbook: Runbook, incident: IncidentState | undefined, stepStatus: StepStatusOf): OutlineNode[] {
  const nodes = new Map<string, OutlineNode>();
  const roots: OutlineNode[] = [];
  for (const section of runbook.sections) {
    const node: OutlineNode = { kind: 'section', label: section.title, position: section.position, children: [] };
    nodes.set(section.slug, node);
    const parent = section.parent === undefined ? undefined : nodes.get(section.parent);
    (parent?.children ?? roots).push(node);
  }
  const names = stepNames(runbook);
  for (const step of runbook.steps.filter(isRunnable)) {
    const status = stepStatus(step);
    const node: OutlineNode = {
      kind: 'step',
      label: names.get(step.id) ?? `step ${step.index + 1}`,
      ...(status === undefined ? {} : { description: status }),
      position: step.position,
      children: [],
    };
    ownerOf(step.section).push(node);
  }
  const bySection = new Map<string, ChecklistItem[]>();
  for (const item of runbook.checklistItems) bySection.set(item.section ?? '', [...(bySection.get(item.section ?? '') ?? []), item]);
  for (const [section, items] of bySection) {
    const first = items[0];
    if (first === undefined) continue;
    ownerOf(section || undefined).push({
      kind: 'checklist',
      label: 'Checklist',
      description: `${items.filter((item) => done(item, incident)).length}/${items.length} done${incident ? ` in ${incident.id}` : ''}`,
      position: first.position,
      children: [],
    });
  }
  return roots;

  function ownerOf(section: string | undefined): OutlineNode[] {
    return (section === undefined ? undefined : nodes.get(section)?.children) ?? roots;
  }
}

function done(item: ChecklistItem, incident: IncidentState | undefined): boolean {
  return incident ? (incident.checklist.get(item.id)?.checked ?? false) : item.checked;
}
