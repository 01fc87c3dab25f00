import type { Position, Runbook } from '../../model.ts';

/** A fenced block of any kind: step, template or diagram. */
export interface AnyFencedBlock {
  lang: string;
  position: Position;
}

/** Every fenced block once, in source order (a template may also be a step). */
export function fencedBlocks(runbook: Runbook): AnyFencedBlock[] {
  const byStart = new Map<number, AnyFencedBlock>();
  for (const block of [...runbook.steps, ...runbook.templates, ...runbook.diagrams]) {
    if (!byStart.has(block.position.start.offset)) byStart.set(block.position.start.offset, block);
  }
  return [...byStart.values()].sort((a, b) => a.position.start.offset - b.position.start.offset);
}
