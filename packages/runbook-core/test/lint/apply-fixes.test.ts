import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyFixes, lintMarkdown, type LintFix } from 'runbook-core';
import { LineIndex } from '../../src/lint/source/line-index.ts';

function fix(source: string, start: number, end: number, insertText: string): { fix: LintFix } {
  const lines = new LineIndex(source);
  return { fix: { range: lines.position(start, end), insertText, title: 'test' } };
}

describe('applyFixes', () => {
  it('changes only the bytes each fix names, in any order of the messages', () => {
    const source = '```bash\nkubectl exec -it api-0 -- env\n```\n';
    const { output, applied } = applyFixes(source, [fix(source, 21, 24, '-i'), {}, fix(source, 7, 7, ' {confirm=true}')]);
    assert.equal(output, '```bash {confirm=true}\nkubectl exec -i api-0 -- env\n```\n');
    assert.equal(applied.length, 2);
  });

  it('skips a fix overlapping one before it, and applies one shared insertion once', () => {
    const source = 'abcdef';
    const { output, skipped, applied } = applyFixes(source, [fix(source, 1, 4, 'X'), fix(source, 2, 5, 'Y'), fix(source, 6, 6, '!'), fix(source, 6, 6, '!')]);
    assert.equal(output, 'aXef!');
    assert.equal(skipped.length, 1);
    assert.equal(applied.length, 2);
  });

  it('applies one of two different insertions at one point, and --fix gets both in two rounds', async () => {
    const source = '# Shell\n\n```bash\nkubectl delete pod api-0\nkubectl edit deployment api\n```\n';
    const { messages, fixedSource } = await lintMarkdown(source, { config: { rules: { shellcheck: 'off' } }, fixRounds: 5 });
    assert.equal(fixedSource, source.replace('```bash', '```bash {confirm=true interactive=true}'));
    assert.deepEqual(messages, []);
    const first = await lintMarkdown(source, { config: { rules: { shellcheck: 'off' } } });
    const once = applyFixes(source, first.messages);
    assert.equal(once.applied.length, 1);
    assert.equal(once.skipped.length, 1);
  });

  it('equals applying disjoint edits one by one from the end, for any edits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.array(fc.tuple(fc.nat(), fc.nat(5), fc.string({ maxLength: 4 })), { maxLength: 8 }), (source, raw) => {
        // Disjoint, sorted edits inside the source.
        const edits: Array<[number, number, string]> = [];
        let floor = 0;
        for (const [at, length, text] of raw.map(([a, l, t]) => [a % (source.length + 1), l, t] as const).sort((a, b) => a[0] - b[0])) {
          const start = Math.max(at, floor);
          const end = Math.min(start + length, source.length);
          if (start > source.length || (edits.length > 0 && start === floor && end === start)) continue;
          edits.push([start, end, text]);
          floor = end + 1;
        }
        let expected = source;
        for (const [start, end, text] of [...edits].reverse()) expected = expected.slice(0, start) + text + expected.slice(end);
        const { output, skipped } = applyFixes(
          source,
          edits.reverse().map(([start, end, text]) => fix(source, start, end, text)),
        );
        assert.equal(skipped.length, 0);
        assert.equal(output, expected);
      }),
      { numRuns: 3000 },
    );
  });
});
