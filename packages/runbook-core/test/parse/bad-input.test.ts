import assert from 'node:assert/strict';
import { parseRunbook } from '../../src/parse/index.ts';
import { assertModelInvariants } from './model-invariants.ts';
import { textAt, useShellGrammar } from './parser-fixtures.ts';

describe('parseRunbook on bad input', () => {
  useShellGrammar();

  it('keeps offsets in the original text after a byte order mark', () => {
    const source = '\ufeff---\ntitle: BOM\n---\n# Heading\n\n- [ ] Item\n';
    const runbook = parseRunbook(source);
    assert.equal(runbook.meta.title, 'BOM');
    assert.equal(textAt(source, runbook.sections[0]?.position ?? assert.fail()), '# Heading');
    assert.equal(source[runbook.checklistItems[0]?.boxOffset ?? 0], ' ');
    assertModelInvariants(source, runbook);
  });

  it('keeps a BOM inside the text as text, after frontmatter too', () => {
    const source = '---\ntitle: T\n---\n\ufeff\n# Two\n\n- [ ] Item \ufeff\n';
    const runbook = parseRunbook(source);
    assert.equal(runbook.meta.title, 'T');
    assert.equal(textAt(source, runbook.sections[0]?.position ?? assert.fail()), '# Two');
    assert.deepEqual(
      runbook.checklistItems.map((item) => item.text),
      ['Item'],
    );
    assertModelInvariants(source, runbook);
  });

  it('survives NUL, lone surrogates, control characters and old Mac line endings', () => {
    const source = '# A\u0000B\r\r- [ ] \ud800 item\r```bash\recho \udfff\u0007\r```\r';
    const runbook = parseRunbook(source);
    assert.equal(runbook.sections.length, 1);
    assert.equal(runbook.checklistItems.length, 1);
    assert.equal(runbook.steps.length, 1);
    assertModelInvariants(source, runbook);
  });

  it('reads nesting of any depth: 100,000 quotes, 50,000 list items on a line, 3,000 lines each deeper', function () {
    this.timeout(0); // depth, not speed, is under test
    const quotes = `${'>'.repeat(100_000)} - [ ] deep item\n`;
    assert.deepEqual(
      parseRunbook(quotes).checklistItems.map((item) => item.text),
      ['deep item'],
    );
    const items = `${'- '.repeat(50_000)}[x] deepest\n`;
    const itemsRunbook = parseRunbook(items);
    assert.deepEqual(
      itemsRunbook.checklistItems.map((item) => [item.text, item.depth]),
      [['deepest', 49_999]],
    );
    const staircase = Array.from({ length: 3_000 }, (_, depth) => `${'  '.repeat(depth)}- [ ] step ${depth}`).join('\n');
    const staircaseRunbook = parseRunbook(staircase);
    assert.equal(staircaseRunbook.checklistItems.length, 3_000);
    assert.equal(staircaseRunbook.checklistItems.at(-1)?.depth, 2_999);
    assertModelInvariants(staircase, staircaseRunbook);
  });

  it('gives a model and messages for 10 MB of binary text around real Markdown', function () {
    this.timeout(0); // size, not speed, is under test
    const chunk = Array.from({ length: 100_000 }, (_, index) => String.fromCharCode(((index * 2654435761) >>> 0) % 0xffff)).join('');
    const markdown = '\n\n# Checks\n\n- [ ] Look at the pods\n\n```bash\nkubectl get pods\n```\n\n';
    const source = `${Array.from({ length: 100 }, () => chunk + markdown).join('')}\`\`\`bash\nkubectl delete ns prod\n`;
    assert.ok(source.length >= 10_000_000);
    const runbook = parseRunbook(source);
    assert.ok(runbook.steps.length >= 100, `${runbook.steps.length} steps`);
    assert.ok(runbook.checklistItems.length >= 50, `${runbook.checklistItems.length} items`);
    assert.ok(runbook.messages.some((message) => message.ruleId === 'unclosed-fence'));
    assert.equal(runbook.steps.at(-1)?.risk, 'destroy');
    assertModelInvariants(source, runbook);
  });
});
