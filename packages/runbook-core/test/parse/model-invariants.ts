import assert from 'node:assert/strict';
import type { Point, Position, Runbook } from '../../src/model.ts';

/** Checks that every position in the model lies in the source, is well formed, and that lists come in document order. */
export function assertModelInvariants(source: string, runbook: Runbook): void {
  const lineStarts = independentLineStarts(source);
  for (const position of allPositions(runbook)) {
    assertPoint(source, lineStarts, position.start);
    assertPoint(source, lineStarts, position.end);
    assert.ok(position.start.offset <= position.end.offset, `start after end: ${JSON.stringify(position)}`);
  }
  const lists: Array<Array<{ position: Position }>> = [
    runbook.sections,
    runbook.steps,
    runbook.checklistItems,
    runbook.templates,
    runbook.tables,
    runbook.links,
    runbook.diagrams,
    runbook.messages,
  ];
  for (const list of lists) {
    for (let index = 1; index < list.length; index++) {
      assert.ok((list[index - 1]?.position.start.offset ?? 0) <= (list[index]?.position.start.offset ?? 0), 'out of document order');
    }
  }
  for (const [index, step] of runbook.steps.entries()) assert.equal(step.index, index);
  for (const item of runbook.checklistItems) {
    assert.match(source.slice(item.boxOffset - 1, item.boxOffset + 2), /^\[[ \txX]\]$/);
    assert.ok(item.boxOffset >= item.position.start.offset && item.boxOffset < item.position.end.offset);
  }
  assert.equal(new Set(runbook.steps.map((step) => step.id)).size, runbook.steps.length, 'step ids are unique');
  assert.equal(new Set(runbook.checklistItems.map((item) => item.id)).size, runbook.checklistItems.length, 'item ids are unique');
  assert.equal(new Set(runbook.sections.map((section) => section.slug)).size, runbook.sections.length, 'slugs are unique');
}

function assertPoint(source: string, lineStarts: number[], point: Point): void {
  assert.ok(Number.isInteger(point.offset) && point.offset >= 0 && point.offset <= source.length, `offset outside the source: ${point.offset}`);
  const lineStart = lineStarts[point.line - 1];
  assert.ok(lineStart !== undefined && lineStart <= point.offset, `line ${point.line} does not hold offset ${point.offset}`);
  const next = lineStarts[point.line];
  assert.ok(next === undefined || point.offset < next, `offset ${point.offset} is past line ${point.line}`);
  assert.equal(point.column, point.offset - lineStart + 1);
}

// A second, simpler line splitter, so the parser's line index is checked, not trusted.
function independentLineStarts(source: string): number[] {
  const starts = [0];
  for (const match of source.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return starts;
}

function* allPositions(value: unknown): Generator<Position> {
  if (value === null || typeof value !== 'object') return;
  if (isPosition(value)) {
    yield value;
    return;
  }
  for (const child of Array.isArray(value) ? value : Object.values(value)) yield* allPositions(child);
}

function isPosition(value: object): value is Position {
  const candidate = value as Partial<Position>;
  return typeof candidate.start?.offset === 'number' && typeof candidate.end?.offset === 'number';
}
