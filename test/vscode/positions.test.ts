import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Point } from '../../packages/runbook-core/src/model.ts';
import { toZeroBased } from '../../packages/vscode-extension/src/positions.ts';

/** unist point of an offset, counted independently of the code under test. */
function pointAt(text: string, offset: number): Point {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1, offset };
}

/** The character an editor position addresses. */
function charAt(text: string, line: number, character: number): string | undefined {
  return text.split('\n')[line]?.[character];
}

describe('toZeroBased (unist → VS Code positions)', () => {
  it('addresses the same character, for any text and any range in it', () => {
    const textAndRange = fc
      .string({ unit: fc.constantFrom('a', 'é', '😀', ' ', '\t', '\n', '`'), maxLength: 200 })
      .chain((text) =>
        fc
          .tuple(fc.constant(text), fc.nat({ max: text.length }), fc.nat({ max: text.length }))
          .map(([t, a, b]) => [t, Math.min(a, b), Math.max(a, b)] as const),
      );
    fc.assert(
      fc.property(textAndRange, ([text, startOffset, endOffset]) => {
        const range = toZeroBased({ start: pointAt(text, startOffset), end: pointAt(text, endOffset) });
        assert.equal(charAt(text, range.start.line, range.start.character), text[startOffset] === '\n' ? undefined : text[startOffset]);
        assert.equal(charAt(text, range.end.line, range.end.character), text[endOffset] === '\n' ? undefined : text[endOffset]);
      }),
    );
  });

  it('puts the first character of a file at line 0, character 0', () => {
    const range = toZeroBased({ start: { line: 1, column: 1, offset: 0 }, end: { line: 3, column: 4, offset: 20 } });
    assert.deepEqual(range, { start: { line: 0, character: 0 }, end: { line: 2, character: 3 } });
  });
});
