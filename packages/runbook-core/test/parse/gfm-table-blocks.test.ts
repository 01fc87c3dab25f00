import assert from 'node:assert/strict';
import { parseRunbook } from '../../src/parse/index.ts';
import { useShellGrammar } from './parser-fixtures.ts';
import { readWithRemarkGfm } from './remark-oracle/remark-gfm-reading.ts';
import { runbookFromRemark } from './remark-oracle/runbook-from-remark.ts';

// A GFM table is a block of its own, not lines of a paragraph: what follows
// its rows cannot turn it into a heading, and it ends where GitHub ends it.

function tablesOf(source: string) {
  const runbook = parseRunbook(source);
  assert.deepEqual(runbook, runbookFromRemark(source), JSON.stringify(source));
  assert.equal(runbook.tables.length, readWithRemarkGfm(source).tables.length, JSON.stringify(source));
  return runbook;
}

describe('GFM tables as blocks', () => {
  useShellGrammar();

  it('keeps a table out of a setext heading: `===` is a row, `---` a break', () => {
    const equals = tablesOf('# Owners\n\n| a |\n|---|\n| 1 |\n===\n');
    assert.deepEqual(
      equals.sections.map((section) => section.title),
      ['Owners'],
    );
    assert.deepEqual(equals.tables[0]?.rows, [['1'], ['===']]);
    const dashes = tablesOf('| a |\n|---|\n| 1 |\ntext\n---\n');
    assert.deepEqual(dashes.sections, []);
    assert.deepEqual(dashes.tables[0]?.rows, [['1'], ['text']]);
  });

  it('ends a table at a lazy line, an indented line and any block that starts', () => {
    const endings = ['lazy', '    indented', '2. item', '<div>', '# Heading', '```'];
    for (const ending of endings) {
      const source = `> | a | b |\n> |---|---|\n> | 1 | 2 |\n${ending}\n`;
      const { tables } = tablesOf(source);
      assert.deepEqual(tables[0]?.rows, [['1', '2']], ending);
      assert.equal(tables[0]?.position.end.line, 3, ending);
    }
  });

  it('reads a table after a paragraph line, and one with no pipes but a colon', () => {
    assert.deepEqual(tablesOf('Contacts:\n| Role | Who |\n|---|---|\n| IC | ana |\n').tables[0]?.header, ['Role', 'Who']);
    assert.deepEqual(tablesOf('Role\n:--\nIC\n').tables[0]?.rows, [['IC']]);
    assert.deepEqual(tablesOf('|\n|-\n').tables, []);
  });

  it('reads links cell by cell: none spans a pipe', () => {
    const { links } = tablesOf('| [a | b](#x) | [c](#y) |\n|---|---|---|\n');
    assert.deepEqual(
      links.map((link) => [link.text, link.url]),
      [['c', '#y']],
    );
  });
});
