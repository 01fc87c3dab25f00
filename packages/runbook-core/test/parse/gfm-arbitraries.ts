import fc from 'fast-check';

// Documents made of what GFM tables, frontmatter and heading slugs must get
// right: headings that slug alike, tables in and out of containers with every
// kind of delimiter row, cell and escaped pipe, and what may end a table.

const headingWord = fc.constantFrom(
  'Intro',
  'intro',
  'Intro 1',
  'intro-1',
  'Team (IRT) 👥',
  'P0 - Critical',
  'RTO/RPO',
  'snake_case & Ünïcödé — dash',
  'C++ / C#',
  '*em*',
  '`code`',
  '[link](#x)',
  '![alt](i.png)',
  '<b>html</b>',
  '&amp;',
  '\\#',
  '  ',
);
const heading = fc.oneof(
  fc
    .tuple(fc.constantFrom('#', '##', '###', '####', '######'), fc.array(headingWord, { minLength: 1, maxLength: 3 }), fc.constantFrom('', ' #', ' ##'))
    .map(([marks, words, closing]) => `${marks} ${words.join(' ')}${closing}`),
  fc.tuple(fc.array(headingWord, { minLength: 1, maxLength: 2 }), fc.constantFrom('===', '---')).map(([words, line]) => `${words.join(' ')}\n${line}`),
);

const cell = fc.constantFrom('a', 'IC', '@ana', '', ' ', 'x \\| y', '`a\\|b`', '**b**', 'a\\\\', '\\|', 'é', '👥', '[l](#u)', '-', ':');
const delimiterCell = fc.constantFrom('---', '-', ':--', '--:', ':-:', ' --- ', ':---:');
const outerPipes = fc.constantFrom('both', 'both', 'left', 'right', 'none');

function row(cells: string[], pipes: string): string {
  const inner = cells.join(' | ');
  if (pipes === 'both') return `| ${inner} |`;
  if (pipes === 'left') return `| ${inner}`;
  if (pipes === 'right') return `${inner} |`;
  return inner;
}

const table = fc
  .tuple(
    fc.array(cell, { minLength: 1, maxLength: 4 }),
    fc.array(delimiterCell, { minLength: 1, maxLength: 4 }),
    fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 3 }),
    fc.array(outerPipes, { minLength: 5, maxLength: 5 }),
    fc.constantFrom('', '', 'Lead-in text\n'),
  )
  .map(([header, delimiters, body, pipes, leadIn]) => {
    // Mostly a delimiter row as wide as the header, as a table needs.
    const width = delimiters.length % 3 === 0 ? delimiters.length : header.length;
    const delimiterRow = Array.from({ length: width }, (_, index) => delimiters[index % delimiters.length] ?? '---');
    const lines = [
      row(header, pipes[0] ?? 'both'),
      row(delimiterRow, pipes[1] ?? 'both'),
      ...body.map((cells, index) => row(cells, pipes[2 + index] ?? 'both')),
    ];
    return leadIn + lines.join('\n');
  });

// What may come right after a table's last row.
const after = fc.constantFrom('', 'more text', '    indented', '> quote', '- item', '1. item', '# Heading', '***', '```', '<div>');

const container = fc.constantFrom('', '', '> ', '- ', '1. ', '  ', ' ');

/** The lines of `block` inside a container: its marker on the first, its indentation (or `>`) on the rest. */
function contained(block: string, prefix: string): string {
  const rest = prefix.startsWith('>') ? '> ' : ' '.repeat(prefix.length);
  return block
    .split('\n')
    .map((line, index) => (index === 0 ? prefix : rest) + line)
    .join('\n');
}

const piece = fc.oneof(
  { weight: 2, arbitrary: heading },
  { weight: 4, arbitrary: fc.tuple(table, after, container).map(([text, next, prefix]) => contained(next === '' ? text : `${text}\n${next}`, prefix)) },
  { weight: 1, arbitrary: fc.constantFrom('Some text.', '- [ ] item', '> quote', '```bash\necho | cat\n```', '---', '') },
);

const frontmatter = fc.constantFrom(
  '',
  '',
  '---\ntitle: T\n---\n',
  '---\ntitle: T\nowner: o\n---\n\n',
  '---  \na: 1\n---  \n',
  '---\n---\n',
  '---\r\nb: [1, 2]\r\n---\r\n',
  '---\nunclosed: yes\n',
  '---\nbad: [\n---\n',
  '\ufeff---\nc: x\n---\n',
  '\ufeff',
);

/** Small documents of headings and tables, maybe with frontmatter, joined by line endings or blank lines. */
export const headingsAndTables = fc
  .tuple(frontmatter, fc.array(fc.tuple(piece, fc.constantFrom('\n', '\n\n', '\r\n', '\n\n\n')), { maxLength: 8 }))
  .map(([head, parts]) => head + parts.map(([text, ending]) => text + ending).join(''));
