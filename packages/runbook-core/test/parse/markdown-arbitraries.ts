import fc from 'fast-check';

// Markdown-ish text built from the pieces a runbook parser must get right:
// fences of every kind and in containers, task items at any depth, headings,
// tables, slots, frontmatter, and the awkward bytes (CR, tabs, BOM, NUL, lone surrogates).
const word = fc.constantFrom(
  'kubectl',
  'get pods',
  'rm -rf /tmp/x',
  '${VAR}',
  '$X',
  '[Placeholder]',
  'text',
  '|',
  '`',
  '~',
  '#',
  '>',
  '-',
  '[ ]',
  '[x]',
  '{',
  '}',
  '"',
  '\t',
  ' ',
  'é',
  '👥',
  '\u0000',
  '\ud800',
  '\ufeff',
);
const line = fc.array(word, { maxLength: 6 }).map((words) => words.join(''));
const info = fc.constantFrom(
  '',
  'bash',
  'sh',
  'python',
  'text',
  'markdown',
  'mermaid',
  'bash {name=a}',
  'bash { name=b confirm=true timeout=5m }',
  'sh {"name":"c","n":1}',
  'bash {',
  'bash { timeout=x colour=red }',
);
const fence = fc.constantFrom('```', '~~~', '````', '```');
const indent = fc.constantFrom('', '', '  ', '   ', '    ', '\t', '> ', '> > ', '- ', '1. ', '  - ');

const taskItem = fc
  .tuple(indent, fc.constantFrom('- [ ] ', '- [x] ', '- [X] ', '* [ ] ', '1. [ ] ', '- [\t] ', '+ [x]\t'), line)
  .map((parts) => parts.join(''));

const piece = fc.oneof(
  fc.tuple(fc.constantFrom('#', '##', '###', '####'), line).map(([marks, text]) => `${marks} ${text}`),
  taskItem,
  fc
    .tuple(indent, fence, info, fc.array(line, { maxLength: 4 }), fc.boolean())
    .map(([prefix, marks, lang, body, closed]) =>
      [`${prefix}${marks}${lang}`, ...body.map((text) => `${prefix}${text}`), ...(closed ? [`${prefix}${marks}`] : [])].join('\n'),
    ),
  fc.constantFrom(
    '| a | b |\n|---|:-:|\n| 1 | 2 |',
    'a | b\n--|--',
    '---\ntitle: T\nvariables:\n  A: { secret: true }\n---',
    '---\nbad: [\n---',
    '[link](#anchor)',
    '[r]: https://x',
    '[r][]',
    '***',
    'Setext\n---',
  ),
  line,
  fc.constantFrom('', '\n', '\r\n', '\r'),
);

const lineEnding = fc.constantFrom('\n', '\n', '\r\n', '\r', '\n\n');

/** Small Markdown-ish documents: pieces joined by assorted line endings. */
export const markdownish = fc.array(fc.tuple(piece, lineEnding), { maxLength: 12 }).map((parts) => parts.map(([text, ending]) => text + ending).join(''));

/** Any string at all, lone surrogates included. */
export const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }));

/** Markdown-ish documents that hold at least one task item (unless something swallows it). */
export const markdownishWithItems = fc
  .tuple(markdownish, fc.array(fc.tuple(taskItem, lineEnding), { minLength: 1, maxLength: 5 }), markdownish)
  .map(([before, items, after]) => before + items.map(([text, ending]) => text + ending).join('') + after);
