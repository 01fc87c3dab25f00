import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import type { Runbook } from '../../src/model.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { corpusDir, requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';
import { headingsAndTables } from './gfm-arbitraries.ts';
import { useShellGrammar } from './parser-fixtures.ts';
import { type RemarkGfmReading, readWithRemarkGfm } from './remark-oracle/remark-gfm-reading.ts';

// Tables, frontmatter and section slugs against micromark's GFM table and
// frontmatter extensions and github-slugger, through nothing of the parser's.

/**
 * Where the two differ on purpose, each with an example that must still
 * differ (so the list cannot outlive its reason) and a test that spots it.
 */
const knownDivergences = [
  {
    reason: 'an empty frontmatter (`---` then `---`) is frontmatter to GitHub and Jekyll; micromark-extension-frontmatter needs a line between the fences',
    example: '---\n---\n# Title\n',
    applies: (source: string) => /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/.test(source),
  },
];

const bundled = new URL('../../../../runbooks/', import.meta.url);
const fixtures = new URL('../fixtures/parse/', import.meta.url);

function markdownFiles(folder: URL): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(folder.pathname, name));
}

/** The same parts of our model, in the reading's shape. */
function ourReading(source: string, runbook: Runbook): RemarkGfmReading {
  const reading: RemarkGfmReading = {
    sections: runbook.sections.map((section) => ({
      slug: section.slug,
      title: section.title,
      depth: section.depth,
      ...(section.parent === undefined ? {} : { parent: section.parent }),
      start: section.position.start.offset,
      end: section.position.end.offset,
    })),
    tables: runbook.tables.map((table) => ({
      header: table.header,
      rows: table.rows,
      ...(table.section === undefined ? {} : { section: table.section }),
      start: table.position.start.offset,
      end: table.position.end.offset,
    })),
  };
  const position = runbook.meta.position;
  if (position !== undefined) {
    const yaml = source.slice(position.start.offset, position.end.offset).replace(/^---[ \t]*(?:\r\n|\r|\n)/, '');
    reading.frontmatter = { start: position.start.offset, end: position.end.offset, yaml: yaml.replace(/(?:^|\r\n|\r|\n)---[ \t]*$/, '') };
  }
  return reading;
}

function readYaml(text: string): object | undefined {
  try {
    const value: unknown = parseYaml(text, { logLevel: 'silent' });
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function assertSameReading(source: string, what: string): RemarkGfmReading {
  const runbook = parseRunbook(source);
  const remark = readWithRemarkGfm(source);
  assert.deepEqual(ourReading(source, runbook), remark, what);
  // The frontmatter's YAML, read on its own, is the meta's raw record (when it is a valid mapping).
  if (remark.frontmatter !== undefined && runbook.messages.every((message) => !message.ruleId.startsWith('frontmatter'))) {
    const parsed = readYaml(remark.frontmatter.yaml);
    if (parsed !== undefined) assert.deepEqual(runbook.meta.raw, parsed, what);
  }
  return remark;
}

describe('tables, frontmatter and slugs against micromark’s GFM extensions and github-slugger', () => {
  useShellGrammar();

  it('reads the fixtures and the bundled runbooks alike', () => {
    const files = [...markdownFiles(fixtures), ...markdownFiles(bundled)];
    assert.ok(files.length >= 4, `${files.length} files`);
    let tables = 0;
    let sections = 0;
    for (const file of files) {
      const reading = assertSameReading(readFileSync(file, 'utf8'), file);
      tables += reading.tables.length;
      sections += reading.sections.length;
    }
    assert.ok(sections > 20, `${sections} sections`);
    assert.ok(tables > 0, `${tables} tables`);
  });

  it('reads the user’s runbook alike', function () {
    const path = requireMaterial(this, userRunbookPath(), 'user runbook');
    const reading = assertSameReading(readFileSync(path, 'utf8'), 'the user’s runbook');
    assert.ok(reading.frontmatter !== undefined || reading.sections.length > 0);
    assert.ok(reading.tables.length > 0, 'the user’s runbook has tables');
  });

  it('reads the corpus alike', function () {
    const dir = requireMaterial(this, corpusDir(), 'corpus');
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((name) => name.endsWith('.md')).sort();
    assert.ok(files.length > 300, `${files.length} corpus files`);
    let tables = 0;
    for (const name of files) tables += assertSameReading(readFileSync(join(dir, name), 'utf8'), name).tables.length;
    assert.ok(tables > 0, `${tables} tables in the corpus`);
  });

  it('reads generated headings, tables and frontmatter alike', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(headingsAndTables, (source) => {
        fc.pre(!knownDivergences.some((divergence) => divergence.applies(source)));
        assertSameReading(source, JSON.stringify(source));
      }),
      { numRuns: Number(process.env.RUNS ?? 1000) },
    );
  });

  it('still differs where it says it does, and nowhere else on those examples', () => {
    for (const { reason, example, applies } of knownDivergences) {
      assert.ok(applies(example), reason);
      assert.throws(() => assertSameReading(example, reason), assert.AssertionError, `no longer differs: ${reason}`);
    }
  });

  it('slugs repeated and awkward headings as GitHub does', () => {
    const source = '# Intro\n## Intro\n### intro-1\n# Intro 1\n# Team (IRT) 👥\n# C++ / C#\n';
    const { sections } = parseRunbook(source);
    assert.deepEqual(
      sections.map((section) => section.slug),
      ['intro', 'intro-1', 'intro-1-1', 'intro-1-2', 'team-irt-', 'c--c'],
    );
    assert.deepEqual(ourReading(source, parseRunbook(source)), readWithRemarkGfm(source));
  });
});
