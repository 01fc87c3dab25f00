import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseRunbook, RunbookDocument, type TextEdit } from '../../src/parse/index.ts';
import { markdownish } from './markdown-arbitraries.ts';
import { readFixture, useShellGrammar } from './parser-fixtures.ts';
import { corpusDir, corpusFiles, requireMaterial } from '../../../../test/support/external-material.ts';
import { fixtureRunbooks } from '../fixture-runbooks/fixture-runbooks.ts';

// Small corpus files keep a full parse per checked edit affordable; the
// project's fixture runbooks are always in the pool, the corpus when it is here.
const corpus = corpusDir();
const smallCorpusFiles = corpusFiles()
  .map((name) => readFileSync(join(corpus ?? '', name), 'utf8'))
  .filter((text) => text.length < 3000);
const pool = [...fixtureRunbooks().map((runbook) => runbook.source), ...smallCorpusFiles];

const insertions = fc.oneof(
  fc.constantFrom(
    '\n',
    '\n\n',
    '\r\n',
    '```',
    '```bash\n',
    '~~~\n',
    '```\n',
    '- [ ] check\n',
    '  - [x] nested\n',
    '# Heading\n',
    '## Steps\n',
    '[ref]: https://example.com\n',
    '[ref]',
    '[text](#anchor)',
    '---\n',
    '> ',
    '    ',
    '| a | b |\n|---|---|\n',
    'kubectl delete pod x\n',
    '${VAR}',
    '[Placeholder]',
    '<!--',
    '-->',
    '<div>\n',
    '*',
    '`',
    '\t',
    '\ufeff',
    '',
  ),
  fc.string({ maxLength: 8 }),
);

const documents = fc
  .tuple(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 }), markdownish, fc.boolean())
  .map(([files, extra, withFixture]) => `${(withFixture ? `${readFixture('restart-api.md')}\n` : '') + files.join('\n')}\n${extra}`);

describe('RunbookDocument: incremental updates', function () {
  // Thousands of full parses to compare against: a safety net for busy machines, not a speed check.
  this.timeout(600_000);

  useShellGrammar();

  it('draws its documents from the corpus as well as from the fixture runbooks', function () {
    requireMaterial(this, corpus, 'corpus');
    assert.ok(smallCorpusFiles.length > 100, `${smallCorpusFiles.length} small corpus files`);
  });

  it('re-reads from before indented code or link definitions, which shape the block after them', () => {
    // After indented code (open over blank lines) or definitions (the rest of their paragraph), `2.` starts no list.
    const sources = [
      '# Checks\n\n    code\n\n2. Verify:\n\n    ```console\n    kubectl get pods\n    ```\n\nThen wait.\n',
      '# Checks\n\n[docs]: https://example.com\n2. Verify:\n\n- [ ] Look\n\nThen wait.\n',
    ];
    for (const source of sources) {
      for (let start = 0; start <= source.length; start++) {
        const document = new RunbookDocument(source);
        document.update([{ start, end: start, text: 'x' }]);
        assert.deepStrictEqual(document.runbook, parseRunbook(document.source), `x inserted at ${start} of ${JSON.stringify(source)}`);
      }
    }
  });

  it('yields the same model as a full parse after every random edit', () => {
    fc.assert(
      fc.property(
        documents.chain((source) => fc.tuple(fc.constant(source), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }))),
        fc.infiniteStream(fc.tuple(fc.nat({ max: 1_000_000 }), fc.nat({ max: 40 }), insertions)),
        ([source, steps], stream) => {
          const document = new RunbookDocument(source, { path: 'doc.md' });
          const picks = stream.take(steps.length);
          for (const [position, removed, text] of picks) {
            const length = document.source.length;
            const start = position % (length + 1);
            document.update([{ start, end: Math.min(length, start + removed), text }]);
            assert.deepStrictEqual(document.runbook, parseRunbook(document.source, { path: 'doc.md' }));
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('applies several edits in one update, each against the text the previous one left', () => {
    fc.assert(
      fc.property(documents, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), insertions), { minLength: 2, maxLength: 4 }), (source, picks) => {
        const document = new RunbookDocument(source);
        let expected = source;
        const edits: TextEdit[] = [];
        for (const [position, removed, text] of picks) {
          const start = position % (expected.length + 1);
          const end = Math.min(expected.length, start + removed);
          edits.push({ start, end, text });
          expected = expected.slice(0, start) + text + expected.slice(end);
        }
        document.update(edits);
        assert.equal(document.source, expected);
        assert.deepStrictEqual(document.runbook, parseRunbook(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a full parse for edits at every offset of a small runbook', () => {
    const source = readFixture('edit-everywhere.md');
    const texts = ['', '\n', '```\n', '---\n', '- ', '[ref]: /x\n', '<!--', '#'];
    let checked = 0;
    for (let start = 0; start <= source.length; start++) {
      const edits: Array<[number, string]> = [...texts.map((text): [number, string] => [0, text]), [1, ''], [3, '\n']];
      for (const [removed, text] of edits) {
        if (removed === 0 && text === '') continue;
        const document = new RunbookDocument(source);
        const end = Math.min(source.length, start + removed);
        document.update([{ start, end, text }]);
        assert.deepStrictEqual(document.runbook, parseRunbook(document.source), `edit ${start}…${end} → ${JSON.stringify(text)}`);
        checked++;
      }
    }
    assert.ok(checked > 8 * source.length);
  });

  it('refuses edits outside the text, naming the range, and keeps its text when one edit of several is bad', () => {
    const document = new RunbookDocument('# A\n');
    assert.throws(() => document.update([{ start: 2, end: 9, text: '' }]), /edit range 2…9 is not within the text \(length 4\)/);
    assert.throws(() => document.update([{ start: 1, end: 0, text: '' }]), RangeError);
    assert.throws(() => document.update([{ start: 0, end: 0, text: 5 as unknown as string }]), TypeError);
    assert.throws(
      () =>
        document.update([
          { start: 0, end: 0, text: 'x' },
          { start: 0, end: 99, text: '' },
        ]),
      /edit range 0…99 is not within the text \(length 5\)/,
    );
    assert.equal(document.source, '# A\n');
    assert.deepStrictEqual(document.runbook, parseRunbook('# A\n'));
  });
});
