import assert from 'node:assert/strict';
import { githubSlug, parseRunbook } from '../../src/parse/index.ts';
import { textAt, useShellGrammar } from './parser-fixtures.ts';

describe('sections and links', () => {
  useShellGrammar();

  it('slugs headings as GitHub does', () => {
    assert.equal(githubSlug('1. Incident Response Team (IRT) 👥'), '1-incident-response-team-irt-');
    assert.equal(githubSlug('P0 - Critical (Response: 15 minutes)'), 'p0---critical-response-15-minutes');
    assert.equal(githubSlug('RTO/RPO Objectives'), 'rtorpo-objectives');
    assert.equal(githubSlug('snake_case & Ünïcödé — dash'), 'snake_case--ünïcödé--dash');
    assert.equal(githubSlug('  Spaces  '), '--spaces--');
    assert.equal(githubSlug('C++ / C#'), 'c--c');
  });

  it('builds the heading tree with unique slugs, text content only', () => {
    const source = '# Runbook\n\n## Steps\n\n### `kubectl` *check*\n\n## Steps\n\nSetext\n------\n\n# Steps\n\n## Steps-1\n';
    const { sections } = parseRunbook(source);
    assert.deepEqual(
      sections.map((section) => [section.depth, section.slug, section.title, section.parent]),
      [
        [1, 'runbook', 'Runbook', undefined],
        [2, 'steps', 'Steps', 'runbook'],
        [3, 'kubectl-check', 'kubectl check', 'steps'],
        [2, 'steps-1', 'Steps', 'runbook'],
        [2, 'setext', 'Setext', 'runbook'],
        [1, 'steps-2', 'Steps', undefined],
        [2, 'steps-1-1', 'Steps-1', 'steps-2'],
      ],
    );
    assert.equal(textAt(source, sections[4]?.position ?? assert.fail()), 'Setext\n------');
  });

  it('gives in-page links their anchor, and resolves reference links', () => {
    const source =
      '# A\n\nSee [the steps](#steps), [docs][d], <https://example.com> and [caf\u00e9](#caf%C3%A9).\n\n[d]: https://docs.example.com "Docs"\n\n## Steps\n';
    const { links } = parseRunbook(source);
    assert.deepEqual(
      links.map((link) => [link.text, link.url, link.anchor, textAt(source, link.position)]),
      [
        ['the steps', '#steps', 'steps', '[the steps](#steps)'],
        ['docs', 'https://docs.example.com', undefined, '[docs][d]'],
        ['https://example.com', 'https://example.com', undefined, '<https://example.com>'],
        ['caf\u00e9', '#caf%C3%A9', 'caf\u00e9', '[caf\u00e9](#caf%C3%A9)'],
      ],
    );
  });

  it('owns each element by the last heading before it', () => {
    const source = 'Intro\n\n```bash\nls\n```\n\n# One\n\n> ## Quoted\n> ```bash\n> pwd\n> ```\n\n- [ ] after quoted\n';
    const runbook = parseRunbook(source);
    assert.deepEqual(
      runbook.steps.map((step) => step.section),
      [undefined, 'quoted'],
    );
    assert.equal(runbook.steps[0]?.id.includes('/'), false);
    assert.deepEqual(
      runbook.checklistItems.map((item) => item.section),
      ['quoted'],
    );
  });
});
