import assert from 'node:assert/strict';
import { parseRunbook } from '../../src/parse/index.ts';
import { textAt, useShellGrammar } from './parser-fixtures.ts';

describe('tables', () => {
  useShellGrammar();

  it('reads GFM tables: alignment, escaped pipes, missing and extra cells, no outer pipes', () => {
    const source = [
      '# Contacts',
      '',
      'Who to call:',
      '| Role | Who | Notes |',
      '|:-----|:---:|------:|',
      '| IC | @ana | pages \\| calls |',
      '| Comms |',
      '| SRE | @bo | x | extra |',
      '',
      'a | b',
      '--|--',
      '1 | 2',
    ].join('\n');
    const { tables } = parseRunbook(source);
    assert.deepEqual(
      tables.map((table) => [table.section, table.header, table.rows]),
      [
        [
          'contacts',
          ['Role', 'Who', 'Notes'],
          [
            ['IC', '@ana', 'pages | calls'],
            ['Comms', '', ''],
            ['SRE', '@bo', 'x'],
          ],
        ],
        ['contacts', ['a', 'b'], [['1', '2']]],
      ],
    );
    assert.equal(textAt(source, tables[0]?.position ?? assert.fail()).split('\n')[0], '| Role | Who | Notes |');
    assert.equal(tables[0]?.position.end.line, 8);
  });

  it('reads a table inside a blockquote; a delimiter row of another width is no table', () => {
    const { tables } = parseRunbook('> | a | b |\n> |---|---|\n> | 1 | 2 |\n\n| a | b |\n|---|\n| 1 | 2 |\n');
    assert.deepEqual(
      tables.map((table) => [table.header, table.rows]),
      [[['a', 'b'], [['1', '2']]]],
    );
  });
});
