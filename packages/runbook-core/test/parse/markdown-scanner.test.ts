import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseRunbook } from '../../src/parse/index.ts';
import type { MdBlock } from '../../src/parse/markdown/block-nodes.ts';
import { htmlBlockKind } from '../../src/parse/markdown/html-block.ts';
import { scanBlocks } from '../../src/parse/markdown/scan-blocks.ts';
import { markdownish } from './markdown-arbitraries.ts';
import { useShellGrammar } from './parser-fixtures.ts';
import { runbookFromRemark } from './remark-oracle/runbook-from-remark.ts';
import { corpusDir, corpusFiles, requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';
import { fixtureRunbooks } from '../fixture-runbooks/fixture-runbooks.ts';

// The Markdown scanner against remark-parse: the same model from both, on
// real runbooks and on generated ones.

const repository = fileURLToPath(new URL('../../../../', import.meta.url));
const bundledRunbooks = readdirSync(join(repository, 'runbooks')).filter((name) => name.endsWith('.md'));

/**
 * Where micromark's positions depend on what follows, so no scanner can match
 * them line by line: a fence or HTML comment left open inside a list or quote
 * (micromark ends it past the next item's marker), and a complete HTML tag on
 * a lazy line (inside or outside the list, by the next line).
 */
function hasMicromarkQuirk(source: string): boolean {
  const blocks = scanBlocks(source, 0, source.length).blocks;
  const hasContainer = blocks.some((block) => block.type === 'list' || block.type === 'blockquote');
  if (hasContainer && source.split(/\r\n|\r|\n/).some((line) => htmlBlockKind(line.replace(/^[\s>*+\-\d.)]*/, ''), false) === 7)) return true;
  const openInContainer = (nodes: MdBlock[], inContainer: boolean): boolean =>
    nodes.some(
      (node) =>
        (inContainer && node.type === 'code' && node.fenced && !node.closed) ||
        (inContainer && node.type === 'html' && /^\s*<(?:!|\?|script|pre|style|textarea)/i.test(source.slice(node.start, node.end))) ||
        ('children' in node && openInContainer(node.children, true)),
    );
  return openInContainer(blocks, false);
}

function assertSameModel(source: string, path?: string): void {
  assert.deepEqual(parseRunbook(source, path === undefined ? {} : { path }), runbookFromRemark(source, path), path);
}

describe('the Markdown scanner against remark-parse', () => {
  useShellGrammar();

  it('reads the bundled runbooks and the fixture runbooks into the same model', () => {
    assert.ok(bundledRunbooks.length > 0);
    for (const name of bundledRunbooks) assertSameModel(readFileSync(join(repository, 'runbooks', name), 'utf8'), name);
    for (const { name, source } of fixtureRunbooks()) assertSameModel(source, name);
  });

  it('reads the user’s runbook into the same model', function () {
    assertSameModel(readFileSync(requireMaterial(this, userRunbookPath(), 'user runbook'), 'utf8'), 'user-runbook.md');
  });

  it('reads every corpus runbook into the same model, but for the counted micromark quirks', function () {
    const corpus = requireMaterial(this, corpusDir(), 'corpus');
    const files = corpusFiles();
    let quirky = 0;
    for (const name of files) {
      const source = readFileSync(join(corpus, name), 'utf8');
      if (hasMicromarkQuirk(source)) quirky++;
      else assertSameModel(source, name);
    }
    assert.ok(files.length > 300);
    assert.ok(quirky <= 2, `${quirky} corpus files hit a micromark quirk`);
  });

  it('reads generated Markdown into the same model', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(markdownish, (source) => {
        fc.pre(!hasMicromarkQuirk(source));
        assertSameModel(source);
      }),
      { numRuns: Number(process.env.RUNS ?? 3000) },
    );
  });

  it('positions blocks as mdast does', () => {
    const cases: [string, string][] = [
      ['- [ ] **bold** item\n', 'a task box before inline markup'],
      ['```\nfoo\n\n\n', 'an unclosed fence at the end'],
      ['    code\n\n    more\n  \n', 'indented code and blank lines'],
      ['> quote\n>\n> > nested\n', 'nested quotes'],
      ['1. one\n\n   ```sh\n   ls\n   ```\n2. two\n', 'a fence in an ordered item'],
      ['Title\n=====\n\n[a]: /u "t"\n[b]:\n/v\n\n[a] and [b][] and [c]\n', 'setext headings and definitions'],
      ['- a\n\t- b\n\n  \tc\n', 'tabs in list indentation'],
      ['<!-- note\n\n-->\n<div>\nx\n\n# after\n', 'HTML blocks'],
    ];
    for (const [source, what] of cases) assert.deepEqual(parseRunbook(source), runbookFromRemark(source), what);
  });
});
