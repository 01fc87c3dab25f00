import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import type { Runbook } from '../../src/model.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { useShellGrammar } from './parser-fixtures.ts';
import { runbookFromRemark } from './remark-oracle/runbook-from-remark.ts';

// Every example of the CommonMark spec, as micromark checks itself: our
// scanner and remark-parse must read it into the same runbook model. Each
// example is read twice: as written, and as the text of a task item (so its
// inline content becomes an item's text, which the model compares).

interface SpecExample {
  markdown: string;
  html: string;
  section: string;
  number: number;
}

const { tests: examples } = createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] };

/**
 * Examples whose models may differ, by number, with the reason. None today;
 * each one listed must still differ, so the list cannot outlive its reason.
 */
const knownDivergences: ReadonlyMap<number, string> = new Map();

// The spec writes a tab as →.
function markdownOf(example: SpecExample): string {
  return example.markdown.replaceAll('→', '\t');
}

/** The example as the text of a `- [ ]` item: later lines indented to stay in it. */
function asTaskItem(markdown: string): string {
  return markdown
    .split('\n')
    .map((line, index) => (index === 0 ? `- [ ] ${line}` : line === '' ? line : `      ${line}`))
    .join('\n');
}

function assertAgreement(source: string, number: number): void {
  const ours = parseRunbook(source);
  const remark = runbookFromRemark(source);
  const reason = knownDivergences.get(number);
  if (reason === undefined) assert.deepEqual(ours, remark, `example ${number}: ${JSON.stringify(source)}`);
  else assert.ok(!isDeepStrictEqual(ours, remark), `example ${number} no longer diverges (${reason}): drop it from the list`);
}

describe('the CommonMark spec examples against remark-parse', () => {
  useShellGrammar();

  it('has every example of the spec', () => {
    assert.equal(examples.length, 652);
    assert.deepEqual(
      examples.map((example) => example.number),
      examples.map((_, index) => index + 1),
    );
    for (const number of knownDivergences.keys()) assert.ok(number >= 1 && number <= examples.length, `no example ${number}`);
  });

  it('gives the model something to compare in enough examples', () => {
    const count = (has: (runbook: Runbook) => boolean): number => examples.filter((example) => has(parseRunbook(markdownOf(example)))).length;
    assert.ok(count((runbook) => runbook.sections.length > 0) >= 40, 'examples with headings');
    assert.ok(count((runbook) => runbook.links.length > 0) >= 100, 'examples with links');
    assert.ok(count((runbook) => runbook.steps.length > 0) >= 30, 'examples with fenced code');
    const items = examples.filter((example) => parseRunbook(asTaskItem(markdownOf(example))).checklistItems.length > 0).length;
    assert.ok(items >= 640, `${items} examples read as task items`);
  });

  const sections = [...new Set(examples.map((example) => example.section))];
  for (const section of sections) {
    describe(section, () => {
      for (const example of examples.filter((candidate) => candidate.section === section)) {
        it(`example ${example.number}`, () => {
          const markdown = markdownOf(example);
          assertAgreement(markdown, example.number);
          assertAgreement(asTaskItem(markdown), example.number);
        });
      }
    });
  }
});
